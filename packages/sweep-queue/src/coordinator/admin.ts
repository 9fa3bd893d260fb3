import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { InputError } from '@rankbias/core';
import { parseQueueUrl, scrubSecret } from '../connection.js';
import type { RunJob, RunJobProgress } from '../job.js';
import { filesKey, QUEUE_NAME } from '../names.js';

/** Runs `action` with the queue open (no reconnect attempts), closing it after; errors come back without the password. */
async function withQueue<T>(
  url: string,
  action: (queue: Queue<RunJob>, display: string, redis: () => Redis) => Promise<T>,
): Promise<T> {
  const connection = parseQueueUrl(url);
  const options = { ...connection.options, maxRetriesPerRequest: 1, retryStrategy: () => undefined };
  const queue = new Queue<RunJob>(QUEUE_NAME, { connection: options });
  queue.on('error', () => undefined);
  let client: Redis | undefined;
  const redis = () => {
    client ??= new Redis(options);
    client.on('error', () => undefined);
    return client;
  };
  try {
    return await action(queue, connection.display, redis);
  } catch (e) {
    // Unreachable host, wrong password, TLS mismatch: all fixed on the command line.
    throw new InputError(scrubSecret(`queue ${connection.display}: ${(e as Error).message}`, connection));
  } finally {
    await queue.close().catch(() => undefined);
    client?.disconnect();
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

/** What `rankbias queue clean` removed. */
export interface CleanReport {
  readonly completed: number;
  readonly failed: number;
  /** Run file bundles (results, checkpoints) deleted: those of the removed jobs and any whose job is gone. */
  readonly bundles: number;
}

/**
 * `rankbias queue clean`: removes finished jobs (completed and failed) older than
 * `olderThanMs` and their uploaded files, plus files left by jobs that no longer
 * exist. Waiting and running jobs are never touched. A coordinator that had not yet
 * collected a removed run trains it again when it re-attaches: nothing is lost but time.
 */
export function cleanQueue(url: string, olderThanMs: number): Promise<CleanReport> {
  return withQueue(url, async (queue, _display, client) => {
    const completed = await queue.clean(olderThanMs, 0, 'completed');
    const failed = await queue.clean(olderThanMs, 0, 'failed');
    const redis = client();
    let bundles = 0;
    for (const id of [...completed, ...failed]) {
      bundles += await redis.del(filesKey(id, 'result'), filesKey(id, 'checkpoint'));
    }
    // Files whose job is gone (removed by hand, or a clean interrupted between the two steps).
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        filesKey('*', 'result').replace(/:result$/, ':*'),
        'COUNT',
        500,
      );
      cursor = next;
      for (const key of keys) {
        const id = key.split(':')[2]!;
        if (key.includes(':upload:')) continue; // an upload in flight owns its staging key
        if (!(await queue.getJob(id))) bundles += await redis.del(key);
      }
    } while (cursor !== '0');
    return { completed: completed.length, failed: failed.length, bundles };
  });
}
