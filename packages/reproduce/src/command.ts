import { resolve } from 'node:path';
import { CliUsageError, definePlugin, z, type CliEnv, type Command, positiveInt } from '@rankbias/core';
import { loadDefinitions } from './definitions/load.js';
import { SCALES, type Scale } from './definitions/schema.js';
import { formatEstimate } from './output/claim-row.js';
import { reproduce } from './reproduce.js';

interface ReproduceFlags {
  scale: Scale;
  out?: string;
  workers?: number;
  list?: boolean;
  reportOnly?: boolean;
  retry?: boolean;
  queue?: string;
}

/** Adds `reproduce` to the program. */
export function registerReproduceCommand(program: Command, env: CliEnv): void {
  program
    .command('reproduce')
    .description(
      'Run the seed results as numbered claims (each a sweep with a pre-registered criterion) and write claims.md, claims.json and claims.html',
    )
    .argument('[claims...]', 'claim ids (4.2) or result numbers (4); default: every claim')
    .option(
      '--scale <scale>',
      `budget: ${SCALES.join(' | ')}`,
      (v) => {
        if (!(SCALES as readonly string[]).includes(v))
          throw new CliUsageError(`--scale must be one of ${SCALES.join(', ')}, got "${v}"`);
        return v as Scale;
      },
      'smoke' as Scale,
    )
    .option('--out <dir>', 'output directory (default: runs/reproduce-<scale>)')
    .option('--workers <n>', 'parallel training processes per sweep', positiveInt('--workers'))
    .option('--queue <url>', 'run the sweeps on a Redis queue (redis://host:port), as rankbias compare --queue')
    .option('--retry', 're-run failed runs')
    .option('--report-only', 'decide the claims from the runs already in --out; train nothing')
    .option('--list', 'list the claims and exit')
    .addHelpText(
      'after',
      '\nEach claim names its experiment (a sweep), the statistic that decides it and its criterion, written before any run.\n' +
        'Re-running trains only what is missing. Exit codes: 0 done, 1 some runs failed, 2 bad arguments, 130 interrupted.\n' +
        'Example: rankbias reproduce 4 --scale smoke --out runs/repro',
    )
    .action(async (wanted: string[], flags: ReproduceFlags) => {
      if (flags.list) {
        for (const c of loadDefinitions().claims) env.out(`${c.id}  ${c.claim}  [${c.experiment}]`);
        return;
      }
      const out = resolve(flags.out ?? `runs/reproduce-${flags.scale}`);
      const outcome = await reproduce(
        {
          claims: wanted,
          scale: flags.scale,
          out,
          workers: flags.workers,
          reportOnly: flags.reportOnly,
          retry: flags.retry,
          queue: flags.queue,
        },
        env,
      );
      for (const r of outcome.rows)
        env.out(
          `${r.id.padEnd(5)} ${r.verdict.padEnd(9)} ${formatEstimate(r.estimate)} (criterion ${r.criterion})  ${r.claim}`,
        );
      env.err(`rankbias reproduce: wrote ${outcome.files.md}, ${outcome.files.json} and ${outcome.files.html}`);
      env.setExitCode(outcome.exitCode);
    });
}

/** The `reproduce` command plugin. */
export const reproduceCommand = definePlugin({
  kind: 'command',
  name: 'reproduce',
  description:
    'rankbias reproduce [claims] --scale smoke|paper: every seed claim as a checked row (claims.md, claims.html)',
  options: z.strictObject({}),
  create: () => ({ register: registerReproduceCommand }),
});
