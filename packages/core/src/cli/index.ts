// Barrel of src/cli: the `rankbias` command line, usable in-process.
export { runCli } from './program.js';
export { EXIT, CliUsageError, isBadInput } from './exit-codes.js';
export { positiveInt, positiveNumber } from './option-parsers.js';
export { processIo, type CliEnvWithExit, type CliIo } from './env.js';
export { describePlugins, optionsJsonSchema, type PluginDescription } from './commands/plugins.js';
export { defaultRunDir } from './run-dir.js';
export { summarizeResult } from './commands/train.js';
export { createCliContainer, type CliContainerOptions } from './container.js';
export { SWEEP_STARTER, TRAIN_STARTER } from './init/templates.js';
