import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../src/connection.js';
import type { RunJobResult } from '../src/job.js';
import { QUEUE_NAME } from '../src/names.js';
import { buildForCli, startWorker, stopWorker, type Proc } from './support/processes.js';
import { startRedis, type RedisServer } from './support/redis-server.js';
import { coordinate, sweepRuns } from './support/sweep.js';

const SWEEP = fileURLToPath(new URL('fixtures/tiny-sweep.yaml', import.meta.url));

let redis: RedisServer;
let queue: Queue;
let events: QueueEvents;
let client: Redis;
let workDir: string;
let worker: Proc;
const marker = join(tmpdir(), `rankbias-evil-plugin-ran-${process.pid}`);

/** Enqueues `data` as job `id` and resolves with its failure reason (or throws when it completes). */
async function failureOf(id: string, data: unknown): Promise<string> {
  const job = await queue.add('run', data, { jobId: id, attempts: 1 });
  try {
    await job.waitUntilFinished(events, 120_000);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`job ${id} completed; it should have been refused`);
}

beforeAll(async () => {
  buildForCli();
  redis = await startRedis();
  const { options } = parseQueueUrl(redis.url);
  queue = new Queue(QUEUE_NAME, { connection: options });
  events = new QueueEvents(QUEUE_NAME, { connection: options });
  client = new Redis(options);
  await events.waitUntilReady();
  workDir = mkdtempSync(join(tmpdir(), 'rankbias-worker-'));
  worker = await startWorker(redis.url, ['--work-dir', workDir]);
}, 300_000);

afterAll(async () => {
  if (worker) await stopWorker(worker);
  await events?.close();
  await queue?.close();
  client?.disconnect();
  await redis?.stop();
});

describe('a job is data, never code', () => {
  const valid = () => structuredClone(sweepRuns(SWEEP).runs[0]!);

  it('refuses plugins named by path, plugins it lacks, bad configs and non-runs without running anything', async () => {
    // A plugin file that would leave a marker if anything imported it.
    const evil = join(tmpdir(), `evil-plugin-${process.pid}.mjs`);
    writeFileSync(
      evil,
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'ran'); export function register() {}`,
    );
    const run = valid();
    const pathPlugin = { id: 'pathplugin', label: 'x', seed: 0, config: { ...run.config, plugins: [evil] } };
    expect(await failureOf('pathplugin', pathPlugin)).toMatch(
      /is a local path; a config file may only name installed packages/,
    );

    const missing = {
      id: 'missingplugin',
      label: 'x',
      seed: 0,
      config: { ...run.config, plugins: ['@rankbias/not-installed-anywhere'] },
    };
    expect(await failureOf('missingplugin', missing)).toMatch(
      /@rankbias\/not-installed-anywhere not installed on worker .*: run `npm install @rankbias\/not-installed-anywhere` where the worker runs/,
    );

    const badConfig = {
      id: 'badconfig',
      label: 'x',
      seed: 0,
      config: { ...run.config, model: { use: 'no-such-model' } },
    };
    expect(await failureOf('badconfig', badConfig)).toMatch(
      /invalid config in job badconfig: .*unknown model "no-such-model"/,
    );

    expect(await failureOf('notarun', { command: 'rm -rf /' })).toMatch(/refused job notarun: not a rankbias run/);
    const job = { label: run.label, seed: run.seed, config: run.config };
    expect(await failureOf('mismatch', { ...job, id: 'other' })).toMatch(/its id differs from the run id other/);
    expect(await failureOf('..', { ...job, id: '..' })).toMatch(/not a rankbias run/);

    expect(existsSync(marker)).toBe(false);
    expect(readdirSync(workDir)).toEqual([]); // nothing was trained or written
    // Refused once, not retried: each job failed on its first attempt.
    for (const id of ['pathplugin', 'missingplugin', 'badconfig', 'notarun'])
      expect((await queue.getJob(id))!.attemptsMade).toBe(1);
  });

  it('fails a run whose checkpoint exceeds the transfer cap, telling to use a shared --out', async () => {
    const capped = await startWorker(redis.url, ['--transfer-cap-mb', '0.001']);
    await stopWorker(worker); // only the capped worker takes the next job
    try {
      const run = valid();
      expect(await failureOf(run.id, { id: run.id, label: run.label, seed: run.seed, config: run.config })).toMatch(
        /the checkpoint of run \w+ is 0\.0 MiB, over the 0\.0 MiB cap .* same shared --out directory/,
      );
    } finally {
      await stopWorker(capped);
      worker = await startWorker(redis.url, ['--work-dir', workDir]);
    }
  });

  it('with a shared --out, workers write run directories in place and nothing travels through Redis', async () => {
    await client.flushdb();
    const out = mkdtempSync(join(tmpdir(), 'rankbias-shared-out-'));
    const inPlace = await startWorker(redis.url, ['--out', out]);
    await stopWorker(worker);
    try {
      const outcome = await coordinate(SWEEP, out, { url: redis.url, retry: false });
      expect(outcome.completed).toHaveLength(4);
      for (const id of outcome.completed) {
        expect(((await queue.getJob(id))!.returnvalue as RunJobResult).inPlace).toBe(true);
        expect(JSON.parse(readFileSync(join(out, 'runs', id, 'result.json'), 'utf8')).status).toBe('completed');
      }
      expect(await client.keys('rankbias-sweep:files:*')).toEqual([]);
    } finally {
      await stopWorker(inPlace);
      worker = await startWorker(redis.url, ['--work-dir', workDir]);
    }
  });
});
