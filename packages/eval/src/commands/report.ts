import { resolve } from 'node:path';
import { definePlugin, z, type CliEnv, type Command } from '@rankbias/core';
import { writeReport } from '../report/write-report.js';
import { EVAL_PACKAGE } from '../plugins/common.js';
import { chromiumCheck } from '../doctor/chromium-check.js';

/** Adds `report` to the program. */
export function registerReportCommand(program: Command, env: CliEnv): void {
  program
    .command('report')
    .description('Regenerate summary.md, summary.csv, plots and report.html of a compare output directory from its run directories')
    .argument('<dir>', 'output directory of rankbias compare')
    .action(async (dir: string) => {
      const files = await writeReport(resolve(dir));
      env.out(`${files.groups} group(s), ${files.runs} run(s): wrote ${files.summaryMd}, ${files.summaryCsv}, ${files.html}, ${files.plots.length} plot files`);
    });
}

/** The `report` command plugin. */
export const reportCommand = definePlugin({
  kind: 'command',
  name: 'report',
  description: 'rankbias report <dir>: regenerate the summary tables, plots and report.html of a sweep',
  package: EVAL_PACKAGE,
  options: z.strictObject({}),
  doctor: chromiumCheck,
  create: () => ({ register: registerReportCommand }),
});
