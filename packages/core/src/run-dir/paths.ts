import { join } from 'node:path';

/** Where each artefact of a run lives inside its run directory. */
export interface RunDirPaths {
  readonly root: string;
  /** The resolved config (`toPlainConfig`). */
  readonly config: string;
  /** One `LogRecord` per line. */
  readonly metrics: string;
  /** `RunResult`. */
  readonly result: string;
  readonly checkpoints: string;
  /** The committed checkpoint (replaced atomically). */
  readonly latestCheckpoint: string;
  /** The trained model (tfjs-layers models only). */
  readonly model: string;
  /** The collapsed model, when an over-parameterization plugin was used. */
  readonly modelCollapsed: string;
  /** Held by the process training the run (pid and start time); stale once that process is gone. */
  readonly lock: string;
}

export function runDirPaths(root: string): RunDirPaths {
  return {
    root,
    config: join(root, 'config.json'),
    metrics: join(root, 'metrics.jsonl'),
    result: join(root, 'result.json'),
    checkpoints: join(root, 'checkpoints'),
    latestCheckpoint: join(root, 'checkpoints', 'latest'),
    model: join(root, 'model'),
    modelCollapsed: join(root, 'model-collapsed'),
    lock: join(root, 'run.lock'),
  };
}
