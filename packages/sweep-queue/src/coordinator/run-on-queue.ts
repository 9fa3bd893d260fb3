import { rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { parseQueueUrl, scrubSecret } from '../connection.js';
import type { RunJob, RunJobProgress, RunJobResult } from '../job.js';
import { QUEUE_NAME } from '../names.js';
import { collectRunDir } from './collect-result.js';
import { localStatus, sweepRunDir } from './local-state.js';
import type { QueueRun, QueueSweepOptions, QueueSweepOutcome } from './types.js';

/**
 * Runs a sweep on the queue: one job per run not done yet (job id = config hash, so
 * enqueueing again never duplicates), live progress from queue events, and every
 * finished run's directory written under `outDir` like a local sweep's. A coordinator
 * restarted mid-sweep re-attaches to the jobs already queued.
 */
export async function runSweepOnQueue(runs: readonly QueueRun[], options: QueueSweepOptions): Promise<QueueSweepOutcome> {
  const connection = parseQueueUrl(options.url);
  const say = (line: string) => options.say(scrubSecret(line, connection));
  const queue = new Queue<RunJob, RunJobResult, 'run'>(QUEUE_NAME, { connection: connection.options });
  const events = new QueueEvents(QUEUE_NAME, { connection: connection.options });
  const redis = new Redis(connection.options);
  let lastError = '';
  const onError = (e: Error) => {
    if (e.message !== lastError) say(`rankbias compare: queue connection: ${e.message} (retrying)`);
    lastError = e.message;
  };
  queue.on('error', onError);
  events.on('error', onError);
  redis.on('error', onError);

  const outcome = { skipped: [] as string[], completed: [] as string[], failed: [] as string[], failedNotRetried: [] as string[] };
  const byId = new Map(runs.map((r) => [r.id, r]));
  const pending = new Set<string>();
  const steps = new Map<string, RunJobProgress>();
  let interrupted = false;
  try {
    say(`rankbias compare: ${runs.length} run(s) on ${connection.display} (queue ${QUEUE_NAME})`);
    for (const run of runs) {
      const dir = sweepRunDir(options.outDir, run.id);
      const status = localStatus(dir);
      if (status === 'completed' || status === 'stopped') {
        outcome.skipped.push(run.id);
        continue;
      }
      const job = await queue.getJob(run.id);
      const state = job ? await job.getState() : undefined;
      if (status === 'failed' && !options.retry && state !== 'waiting' && state !== 'active' && state !== 'delayed') {
        outcome.failedNotRetried.push(run.id);
        continue;
      }
      if (status === 'failed') rmSync(join(dir, 'result.json'), { force: true });
      mkdirSync(dir, { recursive: true });
      if (job && state === 'failed') {
        if (!options.retry) {
          await collectRunDir(redis, run.id, dir);
          outcome.failedNotRetried.push(run.id);
          continue;
        }
        await job.retry('failed');
      } else if (!job || state === 'unknown') {
        await queue.add('run', { id: run.id, label: run.label, seed: run.seed, config: run.config }, {
          jobId: run.id,
          attempts: 1,
          removeOnComplete: false,
          removeOnFail: false,
        });
      }
      pending.add(run.id);
    }
    const total = pending.size;
    if (total) say(`rankbias compare: ${total} run(s) queued or attached; start workers with: rankbias worker --queue ${connection.display}`);

    const settling = new Set<string>();
    const settle = async (id: string): Promise<void> => {
      if (!pending.has(id) || settling.has(id)) return;
      settling.add(id);
      try {
        const job = (await queue.getJob(id)) as Job<RunJob, RunJobResult> | undefined;
        const state = job ? await job.getState() : 'unknown';
        if (state !== 'completed' && state !== 'failed') return;
        const run = byId.get(id)!;
        const dir = sweepRunDir(options.outDir, id);
        const collected = await collectRunDir(redis, id, dir);
        pending.delete(id);
        steps.delete(id);
        if (state === 'completed' && collected) {
          outcome.completed.push(id);
          const r = job!.returnvalue;
          say(
            `[${outcome.completed.length}/${total}] ${run.label} seed ${run.seed}: completed on ${r?.worker ?? 'a worker'}` +
              `${r?.resumedFromStep ? ` (resumed from step ${r.resumedFromStep})` : ''} (${id})`,
          );
        } else {
          outcome.failed.push(id);
          const why = state === 'completed' ? 'its run directory was written where this coordinator cannot see it (use the same shared --out)' : job?.failedReason;
          say(`FAILED ${run.label} seed ${run.seed}: ${why} (${id})`);
        }
      } finally {
        settling.delete(id);
      }
    };

    let lastStatus = 0;
    const showProgress = () => {
      if (Date.now() - lastStatus < 5000) return;
      lastStatus = Date.now();
      const running = [...steps.values()];
      const done = outcome.completed.length + outcome.failed.length;
      const stepText = running.map((p) => `${p.step}/${p.steps}`).join(', ');
      say(`rankbias compare: ${done}/${total} settled, ${running.length} training${stepText ? ` (steps ${stepText})` : ''}, ${outcome.failed.length} failed`);
    };
    events.on('completed', ({ jobId }) => void settle(jobId).catch(onError));
    events.on('failed', ({ jobId }) => void settle(jobId).catch(onError));
    events.on('progress', ({ jobId, data }) => {
      if (!pending.has(jobId) || typeof data !== 'object') return;
      steps.set(jobId, data as unknown as RunJobProgress);
      showProgress();
    });

    await new Promise<void>((resolveAll) => {
      const stop = () => {
        interrupted = true;
        resolveAll();
      };
      const onSignal = (signal: NodeJS.Signals) => {
        say(`rankbias compare: ${signal}: detaching; the queued runs continue on the workers and the same command re-attaches`);
        stop();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      options.signal?.addEventListener('abort', stop);
      const poll = async () => {
        while (!interrupted && pending.size) {
          for (const id of [...pending]) await settle(id).catch(onError);
          if (!pending.size) break;
          await new Promise((r) => setTimeout(r, (options.pollSeconds ?? 2) * 1000));
        }
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        options.signal?.removeEventListener('abort', stop);
        resolveAll();
      };
      void poll();
    });
  } finally {
    await events.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
    await redis.quit().catch(() => redis.disconnect());
  }
  return { ...outcome, interrupted };
}
