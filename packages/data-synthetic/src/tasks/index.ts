export { syntheticTaskPlugins } from './plugins.js';
