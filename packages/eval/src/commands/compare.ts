import { availableParallelism } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import {
  acquireProcessLock,
  CliUsageError,
  definePlugin,
  EXIT,
  liveLockOwner,
  planRunAction,
  PluginRegistry,
  runDirState,
  z,
  type CliEnv,
  type Command,
  type HeldLock,
  type RunAction,
  type SweepOutcome,
  positiveInt,
} from '@rankbias/core';
import { leftOutLine, sweepMetaOf, writeReport, writeSweepMeta } from '../report/write-report.js';
import { expandSweep, type ExpandedSweep } from '../sweep/expand.js';
import { runDirOf } from '../sweep/run-dir.js';
import { progressReporter } from '../sweep/progress.js';
import { createSweepExecutor, queueUrlOf } from '../sweep/choose-executor.js';
import { abortOnSignals } from '../sweep/abort-on-signals.js';
import { trainGroupsBatched } from '../batch/batched-groups.js';
import { sweepJsonSchema } from '../schema/sweep-json-schema.js';

/** Options of `rankbias compare`. */
export interface CompareOptions {
  readonly out?: string;
  readonly workers?: number;
  readonly dryRun?: boolean;
  readonly retry?: boolean;
  /** Queue URL: train through the `queue` sweep executor (default: `RANKBIAS_QUEUE`, else locally). */
  readonly queue?: string;
  /** Train each group's seeds as one batched model first, where the model stacks (`trainGroupsBatched`). */
  readonly batchRuns?: boolean;
}

/** The default output directory: `runs/<sweep name or file name>`. */
export function defaultOutDir(file: string, sweep: ExpandedSweep): string {
  return resolve('runs', sweep.spec.name ?? basename(file, extname(file)));
}

/**
 * Prints the expanded grid: one line per group, then each of its runs with
 * its hash (the run directory's name), its state and what compare would do,
 * and a count of what is done and what would be trained.
 */
export function describePlan(sweep: ExpandedSweep, outDir: string, retry: boolean): string[] {
  const groups = new Map<string, (typeof sweep.runs)[number][]>();
  for (const r of sweep.runs) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  const lines = [
    `sweep ${sweep.source}: ${groups.size} group(s) × seeds = ${sweep.runs.length} run(s); output ${outDir}`,
  ];
  const actions = new Map<RunAction, number>();
  let i = 0;
  for (const [group, runs] of groups) {
    lines.push(`  ${++i}. ${runs[0]!.label}  [group ${group}]`);
    for (const r of runs) {
      const state = runDirState(runDirOf(outDir, r));
      const action = planRunAction(state, retry);
      actions.set(action, (actions.get(action) ?? 0) + 1);
      lines.push(
        `       seed ${r.seed}  runs/${r.id}  ${state}${action === 'skip' || action === 'leave-failed' ? '' : ` -> ${action}`}`,
      );
    }
  }
  const n = (a: RunAction) => actions.get(a) ?? 0;
  lines.push(
    `${n('skip')} done, ${n('fresh') + n('resume')} to train (${n('resume')} resuming)` +
      (n('leave-failed') ? `, ${n('leave-failed')} failed (re-run them with --retry)` : ''),
  );
  return lines;
}

/** Takes the sweep's `compare.lock`, or says which live compare holds it (exit 2). */
function lockSweep(outDir: string): HeldLock {
  const file = join(outDir, 'compare.lock');
  const owner = liveLockOwner(file);
  if (owner) {
    throw new CliUsageError(
      `another rankbias compare (process ${owner.pid}, since ${owner.since}) is running on ${outDir}; wait for it to finish or stop it (kill ${owner.pid}), then run again`,
    );
  }
  return acquireProcessLock(file, `sweep output ${outDir}`);
}

/**
 * `rankbias compare <sweep> [key=value ...]`: expands and validates the
 * sweep (overrides apply to its base), trains the runs not done yet with
 * the local or the queue executor, then writes the summary, plots and
 * report. Returns the exit code: 0 all finished, 1 some failed, 130 interrupted.
 */
export async function compare(
  file: string,
  options: CompareOptions,
  env: CliEnv,
  overrides: readonly string[] = [],
): Promise<number> {
  const sweep = expandSweep(resolve(file), new PluginRegistry(env.container), { overrides });
  const outDir = options.out ? resolve(options.out) : defaultOutDir(file, sweep);
  if (options.dryRun) {
    for (const line of describePlan(sweep, outDir, options.retry ?? false)) env.out(line);
    return EXIT.ok;
  }
  const workers = options.workers ?? sweep.spec.workers ?? availableParallelism();
  const executor = await createSweepExecutor(env.container, {
    workers,
    url: queueUrlOf(options.queue),
    cwd: env.pluginSources?.cwd ?? process.cwd(),
    pluginPaths: env.pluginSources?.paths ?? [],
  });
  const lock = lockSweep(outDir);
  try {
    writeSweepMeta(outDir, sweepMetaOf(sweep));
    const started = Date.now();
    if (options.batchRuns ?? sweep.spec.batchRuns)
      await trainGroupsBatched(sweep.runs, outDir, env.container, (line) => env.err(line));
    const stop = abortOnSignals((line) => env.err(line));
    const reporter = progressReporter(undefined, (line) => env.err(line));
    let outcome: SweepOutcome;
    try {
      outcome = await executor.execute(sweep.runs, {
        outDir,
        retry: options.retry ?? false,
        signal: stop.signal,
        reporter,
      });
    } finally {
      reporter.stop();
      stop.dispose();
      await executor.close?.();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    env.err(
      `rankbias compare: ${outcome.completed.length} run(s) trained, ${outcome.skipped.length} already done, ` +
        `${outcome.failed.length} failed${outcome.failedNotRetried.length ? `, ${outcome.failedNotRetried.length} failed earlier (re-run them with --retry)` : ''} in ${seconds} s`,
    );
    if (outcome.interrupted) {
      env.err(
        'rankbias compare: interrupted; run the same command again to finish the remaining runs (finished ones are kept).',
      );
    }
    const files = await writeReport(outDir);
    env.err(
      `rankbias compare: wrote ${files.summaryMd}, ${files.summaryCsv}, ${files.html} and ${files.plots.length} plot files`,
    );
    if (files.leftOut) env.err(`rankbias compare: ${leftOutLine(files.leftOut)}`);
    if (outcome.interrupted) return EXIT.interrupted;
    return outcome.failed.length || outcome.failedNotRetried.length ? EXIT.failed : EXIT.ok;
  } finally {
    lock.release();
  }
}

/** Adds `compare` to the program. */
export function registerCompareCommand(program: Command, env: CliEnv): void {
  program
    .command('compare')
    .description(
      'Run a sweep (base config × grid × seeds) resumably and write summary.md, summary.csv, plots and report.html',
    )
    .argument('<sweep>', 'sweep file (YAML/JSON): base, grid, variants, seeds, target, report')
    .argument('[overrides...]', "key=value overrides of the sweep's base, e.g. train.steps=200")
    .option('--out <dir>', 'output directory (default: runs/<sweep name>)')
    .option('--workers <n>', 'parallel training processes (default: number of cores)', positiveInt('--workers'))
    .option(
      '--dry-run',
      'print the planned runs with their hashes and states (done, to train, resuming), train nothing',
    )
    .option('--retry', 're-run failed runs (completed ones are always kept)')
    .option(
      '--batch-runs',
      "train each group's seeds as one batched model where the model supports it (matrix-factorization)",
    )
    .option(
      '--queue <url>',
      'train through a Redis queue (needs @rankbias/sweep-queue; default: $RANKBIAS_QUEUE, else locally)',
    )
    .addHelpText(
      'after',
      '\nRe-running the same command trains only what is missing; interrupted runs resume from their checkpoint.\n' +
        "Overrides change the runs' configs, so they are new runs (use a new --out to keep them apart).\n" +
        'Exit codes: 0 all runs finished, 1 some failed, 2 bad sweep or config (or another compare on --out), 130 interrupted.\n' +
        'Example: rankbias compare examples/default-sweep.yaml --out runs/default train.steps=300',
    )
    .action(async (file: string, overrides: string[], opts: CompareOptions) => {
      env.setExitCode(await compare(file, opts, env, overrides));
    });
}

/** The `compare` command plugin. */
export const compareCommand = definePlugin({
  kind: 'command',
  name: 'compare',
  description: 'rankbias compare <sweep.yaml>: run a grid of configs × seeds resumably and report mean ± std',
  options: z.strictObject({}),
  create: () => ({ register: registerCompareCommand, fileSchemas: (config) => ({ sweep: sweepJsonSchema(config) }) }),
});
