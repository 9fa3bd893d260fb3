import { CliUsageError, definePlugin, z, type CliEnv, type Command } from '@rankbias/core';
import { queueUrlFrom } from '../connection.js';
import { cleanQueue, drainQueue, queueStatus, retryFailed } from '../coordinator/admin.js';
import { parseDuration } from './duration.js';
import { QUEUE_OPTION_HELP } from './options.js';

const ACTIONS = ['status', 'drain', 'retry-failed', 'clean'] as const;

/** Adds `rankbias queue status|drain|retry-failed` to the program. */
export function registerQueueCommand(program: Command, env: CliEnv): void {
  program
    .command('queue')
    .description(
      'Inspect or manage the sweep queue: status, drain (drop runs not started), retry-failed, clean (drop finished runs and their files)',
    )
    .argument('<action>', ACTIONS.join(' | '))
    .option('--queue <url>', QUEUE_OPTION_HELP)
    .option(
      '--older-than <duration>',
      'clean: only runs finished at least this long ago, e.g. 30m, 12h, 7d (default 1d)',
      parseDuration,
      86_400_000,
    )
    .addHelpText('after', '\nExample: rankbias queue status --queue redis://localhost:6379')
    .action(async (action: string, opts: { queue?: string; olderThan: number }) => {
      const url = queueUrlFrom(opts.queue);
      if (action === 'status') for (const line of await queueStatus(url)) env.out(line);
      else if (action === 'drain')
        env.out(`removed ${await drainQueue(url)} run(s) not started yet; running ones finish`);
      else if (action === 'retry-failed') env.out(`moved ${await retryFailed(url)} failed run(s) back to the queue`);
      else if (action === 'clean') {
        const r = await cleanQueue(url, opts.olderThan);
        env.out(`removed ${r.completed} completed and ${r.failed} failed run(s) and ${r.bundles} file bundle(s)`);
      } else throw new CliUsageError(`unknown queue action "${action}": use ${ACTIONS.join(', ')}`);
    });
}

/** The `queue` command plugin. */
export const queueCommand = definePlugin({
  kind: 'command',
  name: 'queue',
  description: 'rankbias queue status|drain|retry-failed|clean: operate the Redis sweep queue',
  options: z.strictObject({}),
  create: () => ({ register: registerQueueCommand }),
});
