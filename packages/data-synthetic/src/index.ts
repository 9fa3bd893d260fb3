export { register } from './register.js';
export * from './matrix-completion/index.js';
export * from './tasks/index.js';
