import {
  BACKENDS,
  positiveInt,
  positiveNumber,
  CliUsageError,
  definePlugin,
  z,
  type BackendChoice,
  type CliEnv,
  type Command,
} from '@rankbias/core';
import { queueUrlFrom } from '../connection.js';
import { runWorker } from '../worker/run-worker.js';
import { superviseWorkers } from '../worker/supervise.js';
import { QUEUE_OPTION_HELP } from './options.js';

interface WorkerCommandOptions {
  readonly queue?: string;
  readonly concurrency: number;
  readonly backend?: BackendChoice;
  readonly out?: string;
  readonly workDir?: string;
  readonly transferCapMb: number;
  readonly lockSeconds: number;
}

function backendChoice(value: string): BackendChoice {
  if (!(BACKENDS as readonly string[]).includes(value))
    throw new CliUsageError(`--backend must be one of ${BACKENDS.join(', ')}, got "${value}"`);
  return value as BackendChoice;
}

/** Adds `rankbias worker` to the program. */
export function registerWorkerCommand(program: Command, env: CliEnv): void {
  program
    .command('worker')
    .description('Train sweep runs taken from a Redis queue (rankbias compare --queue) until stopped')
    .option('--queue <url>', QUEUE_OPTION_HELP)
    .option('--concurrency <n>', 'runs trained at once, one process each', positiveInt('--concurrency'), 1)
    .option(
      '--backend <name>',
      `tfjs backend for every run, overrides the configs (${BACKENDS.join(', ')})`,
      backendChoice,
    )
    .option(
      '--out <dir>',
      "the sweep's output directory when it is shared with the coordinator (NFS): write runs in place",
    )
    .option('--work-dir <dir>', 'where runs are trained before upload (default: a folder in the temp directory)')
    .option(
      '--transfer-cap-mb <n>',
      'largest checkpoint or run directory sent through Redis',
      positiveNumber('--transfer-cap-mb'),
      64,
    )
    .option(
      '--lock-seconds <n>',
      'seconds a silent (dead) worker keeps its run before another worker resumes it',
      positiveInt('--lock-seconds'),
      30,
    )
    .addHelpText(
      'after',
      '\nCtrl-C or SIGTERM: the run in progress writes a checkpoint and goes back to the queue; a second signal quits at once.\n' +
        'Example: rankbias worker --queue redis://:secret@10.0.0.5:6379 --concurrency 4',
    )
    .action(async (opts: WorkerCommandOptions) => {
      const url = queueUrlFrom(opts.queue);
      if (opts.concurrency > 1) {
        env.setExitCode(await superviseWorkers(opts.concurrency, env.err));
        return;
      }
      env.setExitCode(
        await runWorker({
          url,
          container: env.container,
          out: opts.out,
          workDir: opts.workDir,
          transferCapMb: opts.transferCapMb,
          backend: opts.backend,
          lockSeconds: opts.lockSeconds,
          say: env.err,
        }),
      );
    });
}

/** The `worker` command plugin. */
export const workerCommand = definePlugin({
  kind: 'command',
  name: 'worker',
  description: 'rankbias worker --queue URL: train sweep runs taken from a Redis queue',
  options: z.strictObject({}),
  create: () => ({ register: registerWorkerCommand }),
});
