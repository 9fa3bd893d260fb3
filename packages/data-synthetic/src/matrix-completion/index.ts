export { matrixCompletionPlugins } from './plugins.js';
