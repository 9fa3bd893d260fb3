import { resolve } from 'node:path';
import { CliUsageError, definePlugin, z, type CliEnv, type Command } from '@rankbias/core';
import { collectRuns, currentRuns } from '../report/collect.js';
import { comparePaired, pairedLines } from '../report/paired.js';
import { leftOutLine, readSweepMeta, writeReport } from '../report/write-report.js';

interface ReportOptions {
  compare?: string[];
  metric?: string;
  use?: string;
}
import { chromiumCheck } from '../doctor/chromium-check.js';

/** Adds `report` to the program. */
export function registerReportCommand(program: Command, env: CliEnv): void {
  program
    .command('report')
    .description(
      'Regenerate summary.md, summary.csv, plots and report.html of a compare output directory from its run directories',
    )
    .argument('<dir>', 'output directory of rankbias compare')
    .option(
      '--compare <groups...>',
      'print the paired difference A − B over shared seeds with its 95% CI (two group labels) instead',
    )
    .option('--metric <key>', 'metric for --compare (default: the sweep target)')
    .option('--use <which>', "final or best value for --compare (default: the sweep target's)")
    .addHelpText(
      'after',
      '\nExample: rankbias report runs/default --compare "Adam · model.depth=3" "Adam · model.depth=1"',
    )
    .action(async (dir: string, opts: ReportOptions) => {
      const out = resolve(dir);
      if (opts.compare) {
        if (opts.compare.length !== 2)
          throw new CliUsageError(
            `--compare takes two group labels (got ${opts.compare.length}); e.g. --compare "A" "B"`,
          );
        if (opts.use !== undefined && opts.use !== 'final' && opts.use !== 'best')
          throw new CliUsageError(`--use must be final or best (got "${opts.use}")`);
        const runs = currentRuns(collectRuns(out), readSweepMeta(out)?.runs);
        if (!runs.length)
          throw new CliUsageError(
            `no sweep runs under ${out}/runs (expected run directories written by rankbias compare)`,
          );
        const target = readSweepMeta(out)?.target;
        const metric = opts.metric ?? target?.metric ?? 'test/loss';
        const use = (opts.use as 'final' | 'best' | undefined) ?? target?.use ?? 'final';
        for (const l of pairedLines(comparePaired(runs, opts.compare[0]!, opts.compare[1]!, metric, use))) env.out(l);
        return;
      }
      const files = await writeReport(out);
      env.out(
        `${files.groups} group(s), ${files.runs} run(s): wrote ${files.summaryMd}, ${files.summaryCsv}, ${files.html}, ${files.plots.length} plot files`,
      );
      if (files.leftOut) env.out(leftOutLine(files.leftOut));
    });
}

/** The `report` command plugin. */
export const reportCommand = definePlugin({
  kind: 'command',
  name: 'report',
  description:
    'rankbias report <dir> [--compare A B]: regenerate the summary tables, plots and report.html of a sweep, or compare two groups',
  options: z.strictObject({}),
  doctor: chromiumCheck,
  create: () => ({ register: registerReportCommand }),
});
