import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { BackendChoice } from '@rankbias/core';
import type { DependencyContainer } from 'tsyringe';
import { parseQueueUrl, scrubSecret } from '../connection.js';
import { QUEUE_NAME } from '../names.js';
import { createJobProcessor } from './process-job.js';

/** Settings of one worker process (`rankbias worker`). */
export interface WorkerOptions {
  readonly url: string;
  readonly container: DependencyContainer;
  /** Shared sweep output directory (write runs in place); without it runs travel through Redis. */
  readonly out?: string;
  readonly workDir?: string;
  readonly transferCapMb: number;
  readonly backend?: BackendChoice;
  /** Seconds a silent worker keeps its job before another worker takes the job over. */
  readonly lockSeconds: number;
  readonly say: (line: string) => void;
}

/**
 * Takes runs from the queue one at a time until SIGINT/SIGTERM. On the first signal
 * the run in progress checkpoints and goes back to the queue, then the process
 * exits 0; a second signal exits 130 at once. Resolves with the exit code.
 */
export async function runWorker(options: WorkerOptions): Promise<number> {
  const connection = parseQueueUrl(options.url);
  const identity = `${hostname()}:${process.pid}`;
  const say = (line: string) => options.say(`rankbias worker ${identity}: ${scrubSecret(line, connection)}`);
  const redis = new Redis({ ...connection.options, lazyConnect: false });
  const stop = new AbortController();
  let lastError = '';
  redis.on('error', () => undefined); // reported through the worker's own error events
  const processor = createJobProcessor({
    container: options.container,
    redis,
    identity,
    sharedOut: options.out ? resolve(options.out) : undefined,
    workDir: resolve(options.workDir ?? join(tmpdir(), `rankbias-worker-${process.pid}`)),
    capBytes: options.transferCapMb * 2 ** 20,
    backend: options.backend,
    stopSignal: stop.signal,
    say,
  });
  const lockDuration = options.lockSeconds * 1000;
  const worker = new Worker(QUEUE_NAME, processor, {
    connection: connection.options,
    concurrency: 1,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 5,
  });
  worker.on('error', (e) => {
    const text = e.message;
    if (text !== lastError) say(`queue connection: ${text} (retrying)`);
    lastError = text;
  });
  worker.on('ready', () => {
    if (lastError) say('queue connection restored');
    lastError = '';
  });
  worker.on('completed', (job) => say(`${job.id}: completed`));
  worker.on('failed', (job, e) => {
    if (job) say(`${job.id}: failed: ${e.message}`);
  });
  say(
    `taking runs from ${QUEUE_NAME} on ${connection.display}${options.out ? `, writing in place under ${resolve(options.out)}` : ''}`,
  );

  const closed = new Promise<void>((resolveClosed) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signals++) process.exit(130);
      stop.abort(`worker ${signal}`);
      say(`${signal}: checkpointing the run in progress and returning it to the queue (again to quit at once)`);
      void worker.close().finally(resolveClosed);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await worker.waitUntilReady().catch(() => undefined);
  await closed;
  await redis.quit().catch(() => redis.disconnect());
  say('stopped');
  return 0;
}
