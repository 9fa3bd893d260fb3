import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../src/connection.js';
import type { RunJobResult } from '../src/job.js';
import { QUEUE_NAME } from '../src/names.js';
import { filesContaining, treeOf } from './support/files.js';
import { buildForCli, startRankbias, startWorker, stopWorker, type Proc } from './support/processes.js';
import { startRedis, type RedisServer } from './support/redis-server.js';
import { coordinate, summaryOf } from './support/sweep.js';

const SWEEP = fileURLToPath(new URL('fixtures/tiny-sweep.yaml', import.meta.url));
const NAN_SWEEP = fileURLToPath(new URL('fixtures/nan-sweep.yaml', import.meta.url));
const PASSWORD = 'pw-Secret-4711';

let redis: RedisServer;
let client: Redis;
let queue: Queue;
let localOut: string;
const workers: Proc[] = [];

const newOut = () => mkdtempSync(join(tmpdir(), 'rankbias-queue-out-'));
const worker = async (...extra: string[]) => {
  const w = await startWorker(redis.url, ['--lock-seconds', '2', ...extra]);
  workers.push(w);
  return w;
};
/** Resolves with the id of the first run whose checkpoint reached Redis. */
async function firstUploadedCheckpoint(): Promise<string> {
  for (;;) {
    const keys = await client.keys('rankbias-sweep:files:*:checkpoint');
    if (keys.length) return keys[0]!.split(':')[2]!;
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  buildForCli();
  redis = await startRedis({ user: { name: 'sweeper', password: PASSWORD } });
  const connection = parseQueueUrl(redis.url);
  client = new Redis(connection.options);
  client.on('error', () => undefined); // down on purpose during the restart test
  queue = new Queue(QUEUE_NAME, { connection: connection.options });
  queue.on('error', () => undefined);
  // The reference: the same sweep run locally by `rankbias compare`.
  localOut = newOut();
  const local = startRankbias(['compare', SWEEP, '--out', localOut, '--workers', '2']);
  expect(await local.exited, local.output()).toBe(0);
}, 300_000);

afterEach(async () => {
  await Promise.all(workers.splice(0).map(stopWorker));
  await client.flushdb();
});

afterAll(async () => {
  await queue?.close();
  client?.disconnect();
  await redis?.stop();
});

describe('rankbias compare on a Redis queue (real redis-server with an ACL user and password)', () => {
  it('writes exactly the files of the local sweep, summary.md byte for byte, and never duplicates a run', async () => {
    const w = await worker();
    const out = newOut();
    const first = await coordinate(SWEEP, out, { url: redis.url, retry: false });
    expect(first).toMatchObject({ failed: [], failedNotRetried: [], skipped: [], interrupted: false });
    expect(first.completed).toHaveLength(4);
    expect(summaryOf(out)).toBe(summaryOf(localOut));
    expect(treeOf(out)).toEqual(treeOf(localOut));

    const again = await coordinate(SWEEP, out, { url: redis.url, retry: false });
    expect([...again.skipped].sort()).toEqual([...first.completed].sort());
    expect(await queue.getJobCounts('completed', 'waiting', 'active')).toEqual({ completed: 4, waiting: 0, active: 0 });
    expect(w.output().match(/: completed$/gm)).toHaveLength(4);
    expect(filesContaining(out, PASSWORD)).toEqual([]);
    expect(w.output() + first.lines.join('\n')).not.toContain(PASSWORD);
  });

  it("resumes a SIGKILLed worker's run from its last uploaded checkpoint on another worker, with the local summary", async () => {
    const doomed = await worker();
    const out = newOut();
    const sweep = coordinate(SWEEP, out, { url: redis.url, retry: false, pollSeconds: 0.5 });
    const victim = await firstUploadedCheckpoint();
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const rescuer = await worker();
    const outcome = await sweep;
    expect(outcome.completed).toHaveLength(4);
    const result = (await queue.getJob(victim))!.returnvalue as RunJobResult;
    expect(result.worker).toBe(rescuer.identity);
    expect(result.resumedFromStep).toBeGreaterThan(0);
    expect(rescuer.output()).toMatch(
      new RegExp(`${victim}: .*resuming from the checkpoint at step ${result.resumedFromStep}`),
    );
    expect(summaryOf(out)).toBe(summaryOf(localOut));
  });

  it('on SIGTERM a worker checkpoints, returns its run to the queue and exits 0; another finishes it', async () => {
    const stopping = await worker();
    const out = newOut();
    const sweep = coordinate(SWEEP, out, { url: redis.url, retry: false, pollSeconds: 0.5 });
    const returned = await firstUploadedCheckpoint();
    stopping.child.kill('SIGTERM');
    expect(await stopping.exited).toBe(0);
    expect(stopping.output()).toMatch(/SIGTERM: checkpointing the run in progress and returning it to the queue/);
    expect(await (await queue.getJob(returned))!.getState()).toBe('waiting');
    await worker();
    const outcome = await sweep;
    expect(outcome.completed).toHaveLength(4);
    expect(((await queue.getJob(returned))!.returnvalue as RunJobResult).resumedFromStep).toBeGreaterThan(0);
    expect(summaryOf(out)).toBe(summaryOf(localOut));
  });

  it('survives a Redis restart mid-sweep: workers and coordinator reconnect and the sweep completes', async () => {
    const w = await worker();
    const out = newOut();
    const sweep = coordinate(SWEEP, out, { url: redis.url, retry: false, pollSeconds: 0.5 });
    await w.waitFor(/: completed$/m);
    await redis.restart(1500);
    const outcome = await sweep;
    expect(outcome.completed).toHaveLength(4);
    expect(summaryOf(out)).toBe(summaryOf(localOut));
    expect(w.output()).toMatch(/queue connection: .*\(retrying\)/);
    expect(w.output()).not.toContain(PASSWORD);
  });

  it('rankbias compare --queue killed and restarted re-attaches: no run is enqueued or trained twice', async () => {
    const w = await worker();
    const out = newOut();
    const killed = startRankbias(['compare', SWEEP, '--out', out, '--queue', redis.url]);
    await killed.waitFor(/completed on/);
    killed.child.kill('SIGKILL');
    await killed.exited;
    const restarted = startRankbias(['compare', SWEEP, '--out', out, '--queue', redis.url]);
    expect(await restarted.exited, restarted.output()).toBe(0);
    expect(restarted.output()).toMatch(/[0-3] run\(s\) trained, [1-4] already done, 0 failed/);
    expect(summaryOf(out)).toBe(summaryOf(localOut));
    expect(await queue.getJobCounts('completed', 'waiting')).toEqual({ completed: 4, waiting: 0 });
    expect(w.output().match(/: completed$/gm)).toHaveLength(4);
    expect(killed.output() + restarted.output()).not.toContain(PASSWORD);
  });

  it('marks a run whose loss overflows failed once; only --retry runs it again', async () => {
    const w = await worker();
    const out = newOut();
    const first = await coordinate(NAN_SWEEP, out, { url: redis.url, retry: false });
    expect(first.failed).toHaveLength(1);
    const [id] = first.failed;
    const job = (await queue.getJob(id!))!;
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toMatch(/run failed: .*(NaN|non-finite|Inf)/i);
    expect(treeOf(join(out, 'runs', id!))).toContain('result.json');
    await new Promise((r) => setTimeout(r, 3000)); // longer than the worker's lock and stall checks
    expect(w.output().match(/: failed: run failed/g)).toHaveLength(1);

    const again = await coordinate(NAN_SWEEP, out, { url: redis.url, retry: false });
    expect(again.failedNotRetried).toEqual([id]);
    const retried = await coordinate(NAN_SWEEP, out, { url: redis.url, retry: true });
    expect(retried.failed).toEqual([id]);
    expect(w.output().match(/: failed: run failed/g)).toHaveLength(2);
  });

  it('queue status, drain and retry-failed operate the queue without printing the password', async () => {
    await coordinate(NAN_SWEEP, newOut(), { url: redis.url, retry: false, signal: AbortSignal.timeout(1) });
    const status = startRankbias(['queue', 'status', '--queue', redis.url]);
    expect(await status.exited).toBe(0);
    expect(status.output()).toMatch(
      /queue rankbias-sweep on redis:\/\/sweeper:\*\*\*@127\.0\.0\.1:\d+\/0: 1 waiting, 0 active/,
    );
    expect(status.output()).not.toContain(PASSWORD);
    const drain = startRankbias(['queue', 'drain', '--queue', redis.url]);
    expect(await drain.exited).toBe(0);
    expect(drain.output()).toMatch(/removed 1 run\(s\) not started yet/);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 0 });

    const w = await worker();
    await coordinate(NAN_SWEEP, newOut(), { url: redis.url, retry: false });
    const retry = startRankbias(['queue', 'retry-failed', '--queue', redis.url]);
    expect(await retry.exited).toBe(0);
    expect(retry.output()).toMatch(/moved 1 failed run\(s\) back to the queue/);
    await w.waitFor(/failed: run failed[\s\S]*failed: run failed/);

    const wrong = startRankbias(['queue', 'status', '--queue', redis.url.replace(PASSWORD, 'not-the-password')]);
    expect(await wrong.exited).toBe(2);
    expect(wrong.output()).toMatch(/WRONGPASS|invalid username-password/i);
    expect(wrong.output()).not.toContain('not-the-password');
  });

  it('queue clean removes finished runs and their files, never waiting ones, and honours --older-than', async () => {
    const w = await worker();
    const out = newOut();
    const done = await coordinate(SWEEP, out, { url: redis.url, retry: false });
    expect(done.failed).toEqual([]);
    await stopWorker(w);
    workers.splice(workers.indexOf(w), 1);
    const finished = (await queue.getJobCounts('completed')).completed!;
    expect(finished).toBeGreaterThan(0);
    expect((await client.keys('rankbias-sweep:files:*:result')).length).toBe(finished);
    // A file bundle whose job is gone, and a run still waiting (no worker is running now).
    await client.rpush('rankbias-sweep:files:orphan-run:checkpoint', 'x');
    await coordinate(NAN_SWEEP, newOut(), { url: redis.url, retry: false, signal: AbortSignal.timeout(1) });
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    const young = startRankbias(['queue', 'clean', '--older-than', '1h', '--queue', redis.url]);
    expect(await young.exited, young.output()).toBe(0);
    expect(young.output()).toMatch(/removed 0 completed and 0 failed run\(s\) and 1 file bundle\(s\)/);
    expect((await queue.getJobCounts('completed')).completed).toBe(finished);

    const all = startRankbias(['queue', 'clean', '--older-than', '0s', '--queue', redis.url]);
    expect(await all.exited, all.output()).toBe(0);
    expect(all.output()).toMatch(
      new RegExp(`removed ${finished} completed and 0 failed run\\(s\\) and ${finished} file bundle\\(s\\)`),
    );
    expect(await queue.getJobCounts('completed', 'waiting')).toEqual({ completed: 0, waiting: 1 });
    expect(await client.keys('rankbias-sweep:files:*')).toEqual([]);
    // The local results were collected before the clean: summary and run directories stay.
    expect(summaryOf(out)).toBe(summaryOf(localOut));

    const bad = startRankbias(['queue', 'clean', '--older-than', 'soon', '--queue', redis.url]);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/--older-than must be a number with a unit s, m, h or d/);
  });

  it('worker --concurrency 2 trains in two child processes with the local summary; SIGTERM stops both, exit 0', async () => {
    const w = await worker('--concurrency', '2');
    await w.waitFor(/taking runs from[\s\S]*taking runs from/);
    const pids = /started 2 worker processes \((\d+), (\d+)\)/.exec(w.output())!.slice(1);
    const out = newOut();
    const outcome = await coordinate(SWEEP, out, { url: redis.url, retry: false });
    expect(outcome.completed).toHaveLength(4);
    expect(summaryOf(out)).toBe(summaryOf(localOut));
    const jobs = await queue.getJobs(['completed']);
    const byPid = new Set(jobs.map((j) => (j.returnvalue as RunJobResult).worker.split(':').at(-1)));
    expect([...byPid].sort()).toEqual([...pids].sort());
    expect(await stopWorker(w)).toBe(0);
    workers.splice(workers.indexOf(w), 1);
    for (const pid of pids) expect(() => process.kill(Number(pid), 0)).toThrow();
  });
});
