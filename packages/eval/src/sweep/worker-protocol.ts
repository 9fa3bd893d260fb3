import type { SweepRun, SweepRunEnd } from '@rankbias/core';

/** Messages from `compare` to a long-lived worker process (over its IPC channel). */
export type ToWorker =
  /** First message: where to discover plugins, and the `--plugin` paths to load. */
  | { readonly type: 'init'; readonly cwd: string; readonly pluginPaths: readonly string[] }
  /** Train one run into `runDir` (resuming when `resume`). */
  | {
      readonly type: 'train';
      readonly run: SweepRun;
      readonly runDir: string;
      readonly log: string;
      readonly resume: boolean;
    }
  /** Stop the run in progress after its current step, with a checkpoint. */
  | { readonly type: 'stop' };

/** Messages from a worker to `compare`. */
export type FromWorker =
  | { readonly type: 'ready' }
  /** The worker cannot work (its plugins failed to load); it exits. */
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'step'; readonly id: string; readonly step: number }
  | { readonly type: 'done'; readonly id: string; readonly status: SweepRunEnd; readonly message?: string };
