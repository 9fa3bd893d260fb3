import type { PluginFactory } from './plugin.js';
import type { RunResult } from './result.js';

/**
 * DI token of sweep executors: how `rankbias compare` trains a sweep's runs.
 * `@rankbias/eval` registers `local` (worker processes on this machine);
 * another package may register e.g. `queue` (a distributed queue). Equal to
 * `TOKENS['sweep-executor']`.
 */
export const SWEEP_EXECUTOR = Symbol.for('rankbias:sweep-executor');

/** One run of a sweep, as plain data (it may travel to another machine as JSON). */
export interface SweepRun {
  /** Stable hash of the resolved config, seed included: the run directory's name under `<out>/runs/`. */
  readonly id: string;
  /** Stable hash of the resolved config without the seed: runs differing only by seed share it. */
  readonly group: string;
  /** Human-readable group name, e.g. `adam · model.depth=3`. */
  readonly label: string;
  readonly seed: number;
  /** Grid values (key path -> value) of this run, plus `variant` when variants are used. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The resolved config (`toPlainConfig`): what `rankbias train` would receive. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** How one run's attempt ended. `interrupted` runs keep a checkpoint and resume next time. */
export type SweepRunEnd = 'completed' | 'failed' | 'interrupted';

/** What an executor reports about a finished attempt. */
export interface SweepRunReport {
  readonly status: SweepRunEnd;
  readonly seconds: number;
  /** `result.json`, when the run wrote one. */
  readonly result?: RunResult;
  /** Why it failed (first line of the error, or the exit code / signal). */
  readonly message?: string;
  /** Where the run's log is, to point the user at it. */
  readonly log?: string;
}

/**
 * Progress hooks: the executor calls them, `compare` turns them into a bar
 * or lines. Every hook is optional and must not throw.
 */
export interface SweepReporter {
  /** Once, before the first run starts: the runs that will be trained (neither done nor left failed). */
  planned?(runs: readonly SweepRun[]): void;
  started?(run: SweepRun, how: 'fresh' | 'resume'): void;
  /** Steps completed so far by a run in progress (non-decreasing per run). */
  step?(run: SweepRun, step: number): void;
  finished?(run: SweepRun, report: SweepRunReport): void;
  /** Anything else worth a line (stopping, reconnecting). */
  line?(text: string): void;
}

/** How to execute the runs. */
export interface SweepExecuteOptions {
  /** The sweep's output directory; run `r` ends up in `<outDir>/runs/<r.id>` (see `sweepRunPaths`). */
  readonly outDir: string;
  /** Re-run failed runs (otherwise they are reported as `failedNotRetried`). */
  readonly retry: boolean;
  /** Aborting it acts like Ctrl-C: running runs stop with a checkpoint, the promise resolves `interrupted`. */
  readonly signal?: AbortSignal;
  readonly reporter?: SweepReporter;
}

/** What happened to the runs (ids). */
export interface SweepOutcome {
  /** Already done, not run again. */
  readonly skipped: readonly string[];
  readonly completed: readonly string[];
  readonly failed: readonly string[];
  /** Failed earlier and left alone because `retry` was false. */
  readonly failedNotRetried: readonly string[];
  /** True when the signal (Ctrl-C, SIGTERM) stopped the sweep; unfinished runs resume next time. */
  readonly interrupted: boolean;
}

/** Trains a sweep's runs into their run directories. */
export interface SweepExecutor {
  execute(runs: readonly SweepRun[], options: SweepExecuteOptions): Promise<SweepOutcome>;
  /** Releases what the executor holds (worker processes, connections). */
  close?(): Promise<void>;
}

/**
 * What `rankbias compare` passes to an executor factory's `create` (its
 * options schema should accept and ignore keys it does not use).
 */
export interface SweepExecutorSettings {
  /** `--workers`, the sweep's `workers`, or the number of cores. */
  readonly workers: number;
  /** `--queue URL` or `RANKBIAS_QUEUE` (only the `queue` executor is asked with it). */
  readonly url?: string;
  /** Directory plugins are discovered from (the CLI's working directory). */
  readonly cwd: string;
  /** `--plugin` paths given on the command line, so that workers load the same plugins. */
  readonly pluginPaths: readonly string[];
}

/** A sweep executor factory: `definePlugin({ kind: 'sweep-executor', name: 'queue', package, options, create })`. */
export type SweepExecutorFactory = PluginFactory<'sweep-executor', any>;

/** Names `compare` looks up, and the package that provides the non-local one. */
export const SWEEP_EXECUTORS = {
  local: 'local',
  queue: 'queue',
  queuePackage: '@rankbias/sweep-queue',
} as const;
