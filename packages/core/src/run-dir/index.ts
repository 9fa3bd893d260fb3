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
export {
  INTERRUPTED_STOP_REASON,
  planRunAction,
  runDirState,
  tryReadRunResult,
  wasInterrupted,
  type RunAction,
  type RunDirState,
} from './run-state.js';
export { sweepRunPaths, type SweepRunPaths } from './sweep-run-paths.js';
export { prepareSweepRunDir } from './sweep-run-dir.js';
export {
  acquireProcessLock,
  isOwnerAlive,
  liveLockOwner,
  processStartTicks,
  readLockOwner,
  type HeldLock,
  type LockOwner,
} from './process-lock.js';
