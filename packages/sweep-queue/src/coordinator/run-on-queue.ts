import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { parseQueueUrl, scrubSecret } from '../connection.js';
import type { RunJob, RunJobProgress, RunJobResult } from '../job.js';
import { QUEUE_NAME } from '../names.js';
import { collectRunDir } from './collect-result.js';
import { enqueueRuns } from './enqueue.js';
import { sweepRunPaths, tryReadRunResult, type SweepOutcome, type SweepRun } from '@rankbias/core';
import type { QueueSweepOptions } from './types.js';

/**
 * Runs a sweep on the queue: one job per run not done yet (job id = config hash, so
 * enqueueing again never duplicates), live progress from queue events, and every
 * finished run's directory written under `outDir` like a local sweep's. A coordinator
 * restarted mid-sweep re-attaches to the jobs already queued. Events are the fast
 * path; a poll of every pending job also catches what was missed while Redis was away.
 */
export async function runSweepOnQueue(runs: readonly SweepRun[], options: QueueSweepOptions): Promise<SweepOutcome> {
  const connection = parseQueueUrl(options.url);
  const reporter = options.reporter ?? {};
  const say = (line: string) => reporter.line?.(scrubSecret(line, connection));
  const queue = new Queue<RunJob, RunJobResult, 'run'>(QUEUE_NAME, { connection: connection.options });
  const events = new QueueEvents(QUEUE_NAME, { connection: connection.options });
  const redis = new Redis(connection.options);
  let closing = false;
  let lastError = '';
  const onError = (e: Error) => {
    if (!closing && e.message !== lastError) say(`queue connection: ${e.message} (retrying)`);
    lastError = e.message;
  };
  queue.on('error', onError);
  events.on('error', onError);
  redis.on('error', onError);

  const completed: string[] = [];
  const failed: string[] = [];
  const started = new Map<string, number>();
  try {
    const plan = await enqueueRuns(queue, redis, runs, options.outDir, options.retry);
    const pending = new Map(plan.pending.map((r) => [r.id, r]));
    reporter.planned?.(plan.pending);
    if (pending.size)
      say(
        `${pending.size} run(s) on the queue at ${connection.display}; start workers with: rankbias worker --queue ${connection.display}`,
      );

    const settling = new Set<string>();
    const settle = async (id: string): Promise<void> => {
      const run = pending.get(id);
      if (!run || settling.has(id)) return;
      settling.add(id);
      try {
        const job = (await queue.getJob(id)) as Job<RunJob, RunJobResult> | undefined;
        const state = job ? await job.getState() : 'unknown';
        if (state !== 'completed' && state !== 'failed') return;
        const paths = sweepRunPaths(options.outDir, id);
        const dir = paths.root;
        const collected = await collectRunDir(redis, id, dir);
        pending.delete(id);
        const seconds = (Date.now() - (started.get(id) ?? Date.now())) / 1000;
        const result = tryReadRunResult(dir);
        if (state === 'completed' && collected) {
          completed.push(id);
          const r = job!.returnvalue;
          say(
            `${run.label} seed ${run.seed}: completed on ${r?.worker ?? 'a worker'}${r?.resumedFromStep ? ` (resumed from step ${r.resumedFromStep})` : ''}`,
          );
          reporter.finished?.(run, { status: 'completed', seconds, result, log: paths.log });
        } else {
          failed.push(id);
          const message = collected
            ? (job?.failedReason ?? 'failed')
            : 'its run directory was written where this coordinator cannot see it: give both the same shared --out';
          reporter.finished?.(run, {
            status: 'failed',
            seconds,
            result,
            message: scrubSecret(message, connection),
            log: paths.log,
          });
        }
      } finally {
        settling.delete(id);
      }
    };

    events.on('completed', ({ jobId }) => void settle(jobId).catch(onError));
    events.on('failed', ({ jobId }) => void settle(jobId).catch(onError));
    events.on('active', ({ jobId }) => {
      const run = pending.get(jobId);
      if (!run) return;
      started.set(jobId, Date.now());
      reporter.started?.(run, 'fresh');
    });
    events.on('progress', ({ jobId, data }) => {
      const run = pending.get(jobId);
      if (run && typeof data === 'object') reporter.step?.(run, (data as unknown as RunJobProgress).step);
    });

    const aborted = () => options.signal?.aborted ?? false;
    while (!aborted() && pending.size) {
      for (const id of [...pending.keys()]) await settle(id).catch(onError);
      if (!pending.size) break;
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, (options.pollSeconds ?? 2) * 1000);
        options.signal?.addEventListener('abort', () => (clearTimeout(timer), wake()), { once: true });
      });
    }
    if (aborted() && pending.size)
      say(
        `detached with ${pending.size} run(s) still on the queue; workers keep training them and the same command re-attaches`,
      );
    return {
      skipped: plan.skipped,
      completed,
      failed,
      failedNotRetried: plan.failedNotRetried,
      interrupted: aborted() && pending.size > 0,
    };
  } finally {
    closing = true;
    await events.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
    await redis.quit().catch(() => redis.disconnect());
  }
}
