import { CliUsageError, definePlugin, z, type CliEnv, type Command } from '@rankbias/core';
import { queueUrlFrom } from '../connection.js';
import { drainQueue, queueStatus, retryFailed } from '../coordinator/admin.js';
import { QUEUE_OPTION_HELP } from './options.js';

const ACTIONS = ['status', 'drain', 'retry-failed'] as const;

/** Adds `rankbias queue status|drain|retry-failed` to the program. */
export function registerQueueCommand(program: Command, env: CliEnv): void {
  program
    .command('queue')
    .description('Inspect or manage the sweep queue: status, drain (drop runs not started), retry-failed')
    .argument('<action>', ACTIONS.join(' | '))
    .option('--queue <url>', QUEUE_OPTION_HELP)
    .addHelpText('after', '\nExample: rankbias queue status --queue redis://localhost:6379')
    .action(async (action: string, opts: { queue?: string }) => {
      const url = queueUrlFrom(opts.queue);
      if (action === 'status') for (const line of await queueStatus(url)) env.out(line);
      else if (action === 'drain')
        env.out(`removed ${await drainQueue(url)} run(s) not started yet; running ones finish`);
      else if (action === 'retry-failed') env.out(`moved ${await retryFailed(url)} failed run(s) back to the queue`);
      else throw new CliUsageError(`unknown queue action "${action}": use ${ACTIONS.join(', ')}`);
    });
}

/** The `queue` command plugin. */
export const queueCommand = definePlugin({
  kind: 'command',
  name: 'queue',
  description: 'rankbias queue status|drain|retry-failed: operate the Redis sweep queue',
  options: z.strictObject({}),
  create: () => ({ register: registerQueueCommand }),
});
