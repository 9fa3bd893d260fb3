/**
 * `npm run bench -w @rankbias/sweep-queue [-- --skip-default]`: figures for the Redis queue,
 * measured side by side in one run against one loopback redis-server (prints, asserts nothing).
 *
 * 1. Overhead: examples/default-sweep.yaml with `compare --workers 2` vs through the queue with
 *    2 worker processes (`worker --concurrency 2`, started before the clock), wall time and ratio.
 * 2. Scale: bench/scale-sweep.yaml (27 runs of 20 steps) on 1, 2 and 4 worker processes:
 *    jobs/s and per-job queue overhead = wall × workers / runs − mean training seconds per run.
 * 3. Fault: test/fixtures/tiny-sweep.yaml on 2 workers (--lock-seconds 5), undisturbed vs one
 *    worker SIGKILLed at its first uploaded checkpoint and replaced at once: extra wall time.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { parseQueueUrl } from '../src/connection.js';
import { runSweepOnQueue } from '../src/coordinator/run-on-queue.js';
import { buildForCli, startRankbias, startWorker, stopWorker, type Proc } from '../test/support/processes.js';
import { startRedis } from '../test/support/redis-server.js';
import { sweepRuns } from '../test/support/sweep.js';

const DEFAULT_SWEEP = fileURLToPath(new URL('../../../examples/default-sweep.yaml', import.meta.url));
const SCALE_SWEEP = fileURLToPath(new URL('scale-sweep.yaml', import.meta.url));
const FAULT_SWEEP = fileURLToPath(new URL('../test/fixtures/tiny-sweep.yaml', import.meta.url));

const out = () => mkdtempSync(join(tmpdir(), 'rankbias-queue-bench-'));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

async function workers(url: string, n: number, extra: string[] = []): Promise<Proc[]> {
  return Promise.all(Array.from({ length: n }, () => startWorker(url, extra)));
}

/** Mean `wallSeconds` of the runs' result.json files. */
function meanTrainSeconds(dir: string, ids: readonly string[]): number {
  const s = ids.map(
    (id) =>
      (JSON.parse(readFileSync(join(dir, 'runs', id, 'result.json'), 'utf8')) as { wallSeconds: number }).wallSeconds,
  );
  return s.reduce((a, b) => a + b, 0) / s.length;
}

async function main(): Promise<void> {
  buildForCli();
  const redis = await startRedis();
  const client = new Redis(parseQueueUrl(redis.url).options);
  console.log(
    `queue bench: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), redis-server on loopback port ${redis.port}\n`,
  );
  try {
    if (!process.argv.includes('--skip-default')) {
      const localOut = out();
      const local = await timed(async () => {
        const p = startRankbias(['compare', DEFAULT_SWEEP, '--out', localOut, '--workers', '2']);
        if ((await p.exited) !== 0) throw new Error(p.output());
      });
      const ws = await workers(redis.url, 1, ['--concurrency', '2']);
      await ws[0]!.waitFor(/taking runs[\s\S]*taking runs/);
      const queueOut = out();
      const queued = await timed(async () => {
        const p = startRankbias(['compare', DEFAULT_SWEEP, '--out', queueOut, '--queue', redis.url]);
        if ((await p.exited) !== 0) throw new Error(p.output());
      });
      await Promise.all(ws.map(stopWorker));
      const same =
        readFileSync(join(localOut, 'summary.md'), 'utf8') === readFileSync(join(queueOut, 'summary.md'), 'utf8');
      console.log('1. default sweep (27 runs × 1000 steps), 2 training processes');
      console.log(`   local compare --workers 2: ${seconds(local.ms)} s`);
      console.log(
        `   queue, 2 workers:          ${seconds(queued.ms)} s  (${(queued.ms / local.ms).toFixed(2)}× local; summary.md identical: ${same})\n`,
      );
      await client.flushdb();
    }

    console.log('2. scale: 27 runs of 20 steps');
    console.log('   workers | wall s | jobs/s | train s/run | queue overhead ms/job');
    const runs = sweepRuns(SCALE_SWEEP).runs;
    for (const n of [1, 2, 4]) {
      const ws = await workers(redis.url, n);
      const dir = out();
      const { ms, value } = await timed(() =>
        runSweepOnQueue(runs, { url: redis.url, outDir: dir, retry: false, pollSeconds: 0.2 }),
      );
      await Promise.all(ws.map(stopWorker));
      await client.flushdb();
      const train = meanTrainSeconds(dir, value.completed);
      const overhead = (ms * n) / runs.length - train * 1000;
      console.log(
        `   ${String(n).padStart(7)} | ${seconds(ms).padStart(6)} | ${(runs.length / (ms / 1000)).toFixed(2).padStart(6)} | ${train.toFixed(3).padStart(11)} | ${overhead.toFixed(0).padStart(5)}`,
      );
    }

    console.log('\n3. fault: 4 runs × 300 steps on 2 workers (--lock-seconds 5)');
    const faultRuns = sweepRuns(FAULT_SWEEP).runs;
    const clean = await (async () => {
      const ws = await workers(redis.url, 2, ['--lock-seconds', '5']);
      const r = await timed(() =>
        runSweepOnQueue(faultRuns, { url: redis.url, outDir: out(), retry: false, pollSeconds: 0.2 }),
      );
      await Promise.all(ws.map(stopWorker));
      await client.flushdb();
      return r.ms;
    })();
    const faulty = await (async () => {
      const ws = await workers(redis.url, 2, ['--lock-seconds', '5']);
      const r = await timed(async () => {
        const sweep = runSweepOnQueue(faultRuns, { url: redis.url, outDir: out(), retry: false, pollSeconds: 0.2 });
        while (!(await client.keys('rankbias-sweep:files:*:checkpoint')).length)
          await new Promise((w) => setTimeout(w, 20));
        ws[0]!.child.kill('SIGKILL');
        ws[0] = await startWorker(redis.url, ['--lock-seconds', '5']);
        return sweep;
      });
      await Promise.all(ws.map(stopWorker));
      return r.ms;
    })();
    console.log(
      `   undisturbed: ${seconds(clean)} s; one worker SIGKILLed and replaced: ${seconds(faulty)} s; extra ${seconds(faulty - clean)} s`,
    );
  } finally {
    client.disconnect();
    await redis.stop();
  }
}

await main();
