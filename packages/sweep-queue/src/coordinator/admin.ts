import { Queue } from 'bullmq';
import { InputError } from '@rankbias/core';
import { parseQueueUrl, scrubSecret } from '../connection.js';
import type { RunJob, RunJobProgress } from '../job.js';
import { QUEUE_NAME } from '../names.js';

/** Runs `action` with the queue open (no reconnect attempts), closing it after; errors come back without the password. */
async function withQueue<T>(url: string, action: (queue: Queue<RunJob>, display: string) => Promise<T>): Promise<T> {
  const connection = parseQueueUrl(url);
  const queue = new Queue<RunJob>(QUEUE_NAME, {
    connection: { ...connection.options, maxRetriesPerRequest: 1, retryStrategy: () => undefined },
  });
  queue.on('error', () => undefined);
  try {
    return await action(queue, connection.display);
  } catch (e) {
    // Unreachable host, wrong password, TLS mismatch: all fixed on the command line.
    throw new InputError(scrubSecret(`queue ${connection.display}: ${(e as Error).message}`, connection));
  } finally {
    await queue.close().catch(() => undefined);
  }
}

/** `rankbias queue status`: job counts, runs in progress and failed runs with their reasons. */
export function queueStatus(url: string): Promise<string[]> {
  return withQueue(url, async (queue, display) => {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const lines = [
      `queue ${QUEUE_NAME} on ${display}: ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    ];
    for (const job of await queue.getJobs(['active'], 0, 49)) {
      const p = job.progress as Partial<RunJobProgress> | number;
      const where = typeof p === 'object' && p.steps ? ` step ${p.step}/${p.steps} on ${p.worker}` : '';
      lines.push(`  active  ${job.id}  ${job.data.label} seed ${job.data.seed}${where}`);
    }
    for (const job of await queue.getJobs(['failed'], 0, 49)) {
      lines.push(`  failed  ${job.id}  ${job.data.label} seed ${job.data.seed}: ${job.failedReason}`);
    }
    return lines;
  });
}

/** `rankbias queue drain`: removes the runs not started yet (running ones finish). Returns how many. */
export function drainQueue(url: string): Promise<number> {
  return withQueue(url, async (queue) => {
    const before = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
    await queue.drain(true);
    return Object.values(before).reduce((s, n) => s + n, 0);
  });
}

/** `rankbias queue retry-failed`: moves every failed run back to waiting. Returns how many. */
export function retryFailed(url: string): Promise<number> {
  return withQueue(url, async (queue) => {
    const { failed = 0 } = await queue.getJobCounts('failed');
    await queue.retryJobs({ state: 'failed', count: 1000 });
    return failed;
  });
}
