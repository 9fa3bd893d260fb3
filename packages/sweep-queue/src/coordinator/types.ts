/** One run of a sweep, as plain data (what becomes a queue job). */
export interface QueueRun {
  /** The run's config hash: the job id and the run directory's name. */
  readonly id: string;
  readonly label: string;
  readonly seed: number;
  /** The resolved config, as `rankbias train` would read it. */
  readonly config: Record<string, unknown>;
}

/** How the coordinator runs a sweep on the queue. */
export interface QueueSweepOptions {
  readonly url: string;
  /** The sweep's output directory: run directories end up in `<outDir>/runs/<id>`. */
  readonly outDir: string;
  /** Re-run failed runs (otherwise they are reported and left failed). */
  readonly retry: boolean;
  /** Progress lines. */
  readonly say: (line: string) => void;
  /** Aborting it detaches from the queue like Ctrl-C (workers keep going). */
  readonly signal?: AbortSignal;
  /** Seconds between checks of every pending job's state (events are the fast path). */
  readonly pollSeconds?: number;
}

/** What happened to the runs (the same buckets as a local sweep). */
export interface QueueSweepOutcome {
  readonly skipped: string[];
  readonly completed: string[];
  readonly failed: string[];
  readonly failedNotRetried: string[];
  /** True when the coordinator stopped waiting (Ctrl-C); the jobs stay queued and a rerun re-attaches. */
  readonly interrupted: boolean;
}
