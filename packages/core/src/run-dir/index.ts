export { runDirPaths, type RunDirPaths } from './paths.js';
export { configDifferences } from './config-diff.js';
export {
  prepareRunDir,
  readRunConfig,
  readRunResult,
  RunDirError,
  writeRunResult,
  writeTextAtomic,
} from './run-dir.js';
export { readMetricsFile, truncateMetrics } from './metrics-file.js';
