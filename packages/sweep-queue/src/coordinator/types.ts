import type { RunResult } from '@rankbias/core';

/** One run of a sweep, as plain data (what becomes a queue job; the shape of core's `SweepRun`). */
export interface QueueRun {
  /** The run's config hash: the job id and the run directory's name. */
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly seed: number;
  readonly params: Readonly<Record<string, unknown>>;
  /** The resolved config, as `rankbias train` would read it. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** How a run's attempt ended, as the coordinator reports it. */
export interface QueueRunReport {
  readonly status: 'completed' | 'failed' | 'interrupted';
  readonly seconds: number;
  readonly result?: RunResult;
  readonly message?: string;
  readonly log?: string;
}

/** Progress hooks (the shape of core's `SweepReporter`); each optional, none may throw. */
export interface QueueReporter {
  planned?(runs: readonly QueueRun[]): void;
  started?(run: QueueRun, how: 'fresh' | 'resume'): void;
  step?(run: QueueRun, step: number): void;
  finished?(run: QueueRun, report: QueueRunReport): void;
  line?(text: string): void;
}

/** How the coordinator runs a sweep on the queue. */
export interface QueueSweepOptions {
  readonly url: string;
  /** The sweep's output directory: run directories end up in `<outDir>/runs/<id>`. */
  readonly outDir: string;
  /** Re-run failed runs (otherwise they are reported and left failed). */
  readonly retry: boolean;
  /** Aborting it detaches from the queue (Ctrl-C); the workers keep going and a rerun re-attaches. */
  readonly signal?: AbortSignal;
  readonly reporter?: QueueReporter;
  /** Seconds between checks of every pending job's state (events are the fast path). Default 2. */
  readonly pollSeconds?: number;
}

/** What happened to the runs (the same buckets as a local sweep). */
export interface QueueSweepOutcome {
  readonly skipped: string[];
  readonly completed: string[];
  readonly failed: string[];
  readonly failedNotRetried: string[];
  /** True when the coordinator stopped waiting; the jobs stay queued. */
  readonly interrupted: boolean;
}
