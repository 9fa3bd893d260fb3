import type { SweepReporter } from '@rankbias/core';

/** How the coordinator runs a sweep on the queue. */
export interface QueueSweepOptions {
  readonly url: string;
  /** The sweep's output directory: run directories end up in `<outDir>/runs/<id>`. */
  readonly outDir: string;
  /** Re-run failed runs (otherwise they are reported and left failed). */
  readonly retry: boolean;
  /** Aborting it detaches from the queue (Ctrl-C); the workers keep going and a rerun re-attaches. */
  readonly signal?: AbortSignal;
  readonly reporter?: SweepReporter;
  /** Seconds between checks of every pending job's state (events are the fast path). Default 2. */
  readonly pollSeconds?: number;
}
