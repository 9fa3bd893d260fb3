export { JsonlLogger } from './jsonl-logger.js';
export { ConsoleProgressLogger, type ConsoleLoggerOptions } from './console-logger.js';
export { builtinLoggerPlugins, consoleLoggerPlugin, jsonlLoggerPlugin } from './plugins.js';
export { formatDuration, formatNumber, formatValues } from './format.js';
export { EtaClock, formatEta } from './eta.js';
