import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForCli, startRankbias, startWorker, stopWorker, type Proc } from './support/processes.js';
import { startRedis, type RedisServer } from './support/redis-server.js';
import { summaryOf } from './support/sweep.js';

const SWEEP = fileURLToPath(new URL('fixtures/tiny-sweep.yaml', import.meta.url));
const PASSWORD = 'tls-Secret-0815';
const newOut = () => mkdtempSync(join(tmpdir(), 'rankbias-queue-tls-'));

let redis: RedisServer;
let worker: Proc | undefined;
const trustedCa = process.env.NODE_EXTRA_CA_CERTS;

beforeAll(async () => {
  buildForCli();
  // A TLS-only redis-server (no plain port) with its own CA, and an ACL user.
  redis = await startRedis({ tls: true, user: { name: 'sweeper', password: PASSWORD } });
}, 300_000);

afterAll(async () => {
  if (worker) await stopWorker(worker);
  if (trustedCa === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = trustedCa;
  await redis?.stop();
});

describe('rediss:// against a real TLS redis-server', () => {
  it('refuses a server whose certificate it cannot verify, in one line without the password', async () => {
    delete process.env.NODE_EXTRA_CA_CERTS;
    const status = startRankbias(['queue', 'status', '--queue', redis.url]);
    expect(await status.exited).toBe(2);
    expect(status.output().trim().split('\n')).toHaveLength(1);
    expect(status.output()).toMatch(/self[- ]signed certificate|unable to verify/i);
    expect(status.output()).not.toContain(PASSWORD);
  });

  it('with the CA trusted (NODE_EXTRA_CA_CERTS), compare --queue and a worker produce the local summary', async () => {
    process.env.NODE_EXTRA_CA_CERTS = redis.caFile!; // inherited by the rankbias processes below
    const localOut = newOut();
    const local = startRankbias(['compare', SWEEP, '--out', localOut, '--workers', '1']);
    expect(await local.exited, local.output()).toBe(0);

    worker = await startWorker(redis.url);
    const out = newOut();
    const queued = startRankbias(['compare', SWEEP, '--out', out, '--queue', redis.url]);
    expect(await queued.exited, queued.output()).toBe(0);
    expect(summaryOf(out)).toBe(summaryOf(localOut));
    expect(queued.output() + worker.output()).not.toContain(PASSWORD);
    expect(await stopWorker(worker)).toBe(0);
    worker = undefined;
  });
});
