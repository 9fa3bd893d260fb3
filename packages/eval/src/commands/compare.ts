import { availableParallelism } from 'node:os';
import { basename, extname, resolve } from 'node:path';
import { CliUsageError, definePlugin, PluginRegistry, z, type CliEnv, type Command, type SweepOutcome } from '@rankbias/core';
import { writeReport, writeSweepMeta } from '../report/write-report.js';
import { expandSweep, type ExpandedSweep } from '../sweep/expand.js';
import { runDirOf, runState } from '../sweep/run-dir.js';
import { planAction } from '../sweep/runner.js';
import { createSweepExecutor, queueUrlOf } from '../sweep/choose-executor.js';
import { abortOnSignals } from '../sweep/abort-on-signals.js';

/** Options of `rankbias compare`. */
export interface CompareOptions {
  readonly out?: string;
  readonly workers?: number;
  readonly dryRun?: boolean;
  readonly retry?: boolean;
  /** Queue URL: train through the `queue` sweep executor (default: `RANKBIAS_QUEUE`, else locally). */
  readonly queue?: string;
}

/** The default output directory: `runs/<sweep name or file name>`. */
export function defaultOutDir(file: string, sweep: ExpandedSweep): string {
  return resolve('runs', sweep.spec.name ?? basename(file, extname(file)));
}

/** Prints the expanded grid: one line per group with its seeds, run directories and their state. */
export function describePlan(sweep: ExpandedSweep, outDir: string, retry: boolean): string[] {
  const groups = new Map<string, typeof sweep.runs[number][]>();
  for (const r of sweep.runs) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  const lines = [
    `sweep ${sweep.source}: ${groups.size} group(s) × seeds = ${sweep.runs.length} run(s); output ${outDir}`,
  ];
  let i = 0;
  for (const [group, runs] of groups) {
    lines.push(`  ${++i}. ${runs[0]!.label}  [group ${group}]`);
    for (const r of runs) {
      const state = runState(runDirOf(outDir, r));
      const action = planAction(state, retry);
      lines.push(`       seed ${r.seed}  runs/${r.id}  ${state}${action === 'skip' || action === 'leave-failed' ? '' : ` -> ${action}`}`);
    }
  }
  return lines;
}

/**
 * `rankbias compare <sweep>`: expands and validates the sweep, trains the
 * runs not done yet with up to `workers` processes, then writes the
 * summary, plots and report. Returns the exit code: 0 all finished, 1 some
 * failed, 130 interrupted.
 */
export async function compare(file: string, options: CompareOptions, env: CliEnv): Promise<number> {
  const sweep = expandSweep(resolve(file), new PluginRegistry(env.container));
  const outDir = options.out ? resolve(options.out) : defaultOutDir(file, sweep);
  if (options.dryRun) {
    for (const line of describePlan(sweep, outDir, options.retry ?? false)) env.out(line);
    return 0;
  }
  writeSweepMeta(outDir, {
    title: sweep.spec.name ?? basename(file, extname(file)),
    description: sweep.spec.description,
    target: sweep.spec.target,
    report: sweep.spec.report,
    axes: sweep.axes,
  });
  const workers = options.workers ?? sweep.spec.workers ?? availableParallelism();
  const started = Date.now();
  const executor = await createSweepExecutor(env.container, {
    workers,
    url: queueUrlOf(options.queue),
    cwd: env.pluginSources?.cwd ?? process.cwd(),
    pluginPaths: env.pluginSources?.paths ?? [],
  });
  const stop = abortOnSignals((line) => env.err(line));
  let outcome: SweepOutcome;
  try {
    outcome = await executor.execute(sweep.runs, { outDir, retry: options.retry ?? false, signal: stop.signal });
  } finally {
    stop.dispose();
    await executor.close?.();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  env.err(
    `rankbias compare: ${outcome.completed.length} run(s) trained, ${outcome.skipped.length} already done, ` +
      `${outcome.failed.length} failed${outcome.failedNotRetried.length ? `, ${outcome.failedNotRetried.length} failed earlier (re-run them with --retry)` : ''} in ${seconds} s`,
  );
  if (outcome.interrupted) {
    env.err('rankbias compare: interrupted; run the same command again to finish the remaining runs (finished ones are kept).');
  }
  const files = await writeReport(outDir);
  env.err(`rankbias compare: wrote ${files.summaryMd}, ${files.summaryCsv}, ${files.html} and ${files.plots.length} plot files`);
  if (outcome.interrupted) return 130;
  return outcome.failed.length || outcome.failedNotRetried.length ? 1 : 0;
}

/** Adds `compare` to the program. */
export function registerCompareCommand(program: Command, env: CliEnv): void {
  program
    .command('compare')
    .description('Run a sweep (base config × grid × seeds) resumably and write summary.md, summary.csv, plots and report.html')
    .argument('<sweep>', 'sweep file (YAML/JSON): base, grid, variants, seeds, target, report')
    .option('--out <dir>', 'output directory (default: runs/<sweep name>)')
    .option('--workers <n>', 'parallel training processes (default: number of cores)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`--workers must be a positive integer, got "${v}"`);
      return n;
    })
    .option('--dry-run', 'print the expanded grid and the state of every run, train nothing')
    .option('--retry', 're-run failed runs (completed ones are always kept)')
    .option('--queue <url>', 'train through a Redis queue (needs @rankbias/sweep-queue; default: $RANKBIAS_QUEUE, else locally)')
    .addHelpText(
      'after',
      '\nRe-running the same command trains only what is missing; interrupted runs resume from their checkpoint.\n' +
        'Exit codes: 0 all runs finished, 1 some failed, 2 bad sweep or config, 130 interrupted.\n' +
        'Example: rankbias compare examples/default-sweep.yaml --out runs/default',
    )
    .action(async (file: string, opts: CompareOptions) => {
      env.setExitCode(await compare(file, opts, env));
    });
}

/** The `compare` command plugin. */
export const compareCommand = definePlugin({
  kind: 'command',
  name: 'compare',
  description: 'rankbias compare <sweep.yaml>: run a grid of configs × seeds resumably and report mean ± std',
  options: z.strictObject({}),
  create: () => ({ register: registerCompareCommand }),
});
