import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../src/contracts/doctor.js';
import { pingRedis, redisCheck } from '../../src/doctor/redis-ping.js';
import { runRankbiasInProcess } from '../cli/run-rankbias.js';
import { freePort, startRedis } from './redis.js';

let redis: { url: string; process: ChildProcess };
let secured: { url: string; port: number; process: ChildProcess };
const dataDir = mkdtempSync(join(tmpdir(), 'rankbias-doctor-'));
const savedDataDir = process.env.RANKBIAS_DATA_DIR;

beforeAll(async () => {
  redis = await startRedis();
  secured = await startRedis(['--requirepass', 's3cret']);
  process.env.RANKBIAS_DATA_DIR = dataDir; // an empty cache: datasets are found only where the system put them
});
afterAll(() => {
  redis.process.kill();
  secured.process.kill();
  if (savedDataDir === undefined) delete process.env.RANKBIAS_DATA_DIR;
  else process.env.RANKBIAS_DATA_DIR = savedDataDir;
});

async function doctorJson(args: string[] = []): Promise<{ code: number | null; ok: boolean; checks: DoctorCheck[] }> {
  const run = await runRankbiasInProcess(['doctor', '--json', ...args]);
  const parsed = JSON.parse(run.stdout) as { ok: boolean; checks: DoctorCheck[] };
  return { code: run.code, ...parsed };
}
const find = (checks: DoctorCheck[], topic: string, name: string) =>
  checks.find((c) => c.topic === topic && c.name === name);

describe('rankbias doctor --json on this machine', () => {
  it('reports runtime, backends (with why and the one command for each missing one), kernels and datasets; exits 0', async () => {
    const { code, ok, checks } = await doctorJson();
    expect(code).toBe(0);
    for (const c of checks)
      expect(Object.keys(c).every((k) => ['topic', 'name', 'ok', 'detail', 'looked', 'fix'].includes(k))).toBe(true);
    expect(find(checks, 'runtime', 'node')).toMatchObject({ ok: true, detail: process.version });
    expect(find(checks, 'runtime', 'npm')).toMatchObject({ ok: true, detail: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    // this workspace does not install the native bindings: each says why and how to add it
    expect(find(checks, 'backends', 'tensorflow (@tensorflow/tfjs-node)')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^not installed: native TensorFlow on the CPU, an optional peer dependency/),
      fix: 'npm install @tensorflow/tfjs-node',
    });
    expect(find(checks, 'backends', 'tensorflow (@tensorflow/tfjs-node-gpu)')).toMatchObject({
      ok: false,
      fix: 'npm install @tensorflow/tfjs-node-gpu',
      detail: expect.stringContaining('CUDA'),
    });
    expect(find(checks, 'backends', 'wasm')?.ok).toBe(true);
    expect(find(checks, 'backends', 'cpu')?.ok).toBe(true);
    expect(find(checks, 'kernels', '@rankbias/wasm-train')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^\d+ kernels on wasm: .*Conv2DBackpropFilter/),
    });
    // datasets come from the data-cifar plugins, with the places they looked in
    expect(find(checks, 'datasets', 'fashion-mnist')).toMatchObject({
      ok: true,
      detail: 'found in /usr/share/datasets/fashion-mnist',
    });
    expect(find(checks, 'datasets', 'mnist')).toMatchObject({
      ok: false,
      looked: [join(dataDir, 'mnist'), '/usr/share/datasets/mnist'],
      fix: 'npx rankbias data fetch mnist',
    });
    expect(find(checks, 'datasets', 'cifar10')).toMatchObject({
      ok: false,
      looked: [join(dataDir, 'cifar-10-batches-bin'), join(dataDir, 'cifar-10-binary.tar.gz')],
    });
    // tools come from plugins too: @rankbias/eval's report command checks the Chromium of its browser test
    expect(find(checks, 'tools', 'chromium (report check)')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^Chromium \d+/),
    });
    // the workspace has @rankbias/linalg-lapack and .ci/run installs OpenBLAS: the LAPACK route is found
    expect(find(checks, 'linear algebra', '@rankbias/linalg-lapack')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^LAPACK /),
    });
    expect(checks.some((c) => c.topic === 'services')).toBe(false); // no queue asked for
    expect(ok).toBe(false);
  }, 120_000);

  it('names the LAPACK library it could not load and the package to install', async () => {
    const saved = process.env.RANKBIAS_LAPACK;
    process.env.RANKBIAS_LAPACK = '/nonexistent/libopenblas.so.0';
    try {
      const { code, checks } = await doctorJson();
      expect(code).toBe(0);
      expect(find(checks, 'linear algebra', '@rankbias/linalg-lapack')).toMatchObject({
        ok: false,
        detail: expect.stringContaining('/nonexistent/libopenblas.so.0: not found'),
        fix: expect.stringContaining('apt-get install libopenblas0-pthread'),
      });
    } finally {
      if (saved === undefined) delete process.env.RANKBIAS_LAPACK;
      else process.env.RANKBIAS_LAPACK = saved;
    }
  }, 120_000);

  it('checks the queue Redis with --queue or RANKBIAS_QUEUE, and exits 0 when it is down', async () => {
    const up = await doctorJson(['--queue', redis.url]);
    expect(find(up.checks, 'services', 'redis')).toMatchObject({ ok: true, detail: `${redis.url} answers PING` });

    const down = `redis://127.0.0.1:${await freePort()}`;
    process.env.RANKBIAS_QUEUE = down;
    try {
      const res = await doctorJson(['--queue']);
      expect(res.code).toBe(0);
      expect(find(res.checks, 'services', 'redis')).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/does not answer PING \(.*ECONNREFUSED/),
        fix: expect.stringContaining('redis-server'),
      });
    } finally {
      delete process.env.RANKBIAS_QUEUE;
    }
  }, 120_000);

  it('prints one screen of text: a heading per topic and the fix under what is missing', async () => {
    const run = await runRankbiasInProcess(['doctor']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThan(40);
    expect(lines).toContain('backends');
    expect(lines).toContain('datasets');
    const gpu = lines.findIndex((l) => l.includes('tensorflow (@tensorflow/tfjs-node-gpu)'));
    expect(lines[gpu]).toMatch(/^ {2}no {2}/);
    expect(lines[gpu + 1]).toMatch(/-> npm install @tensorflow\/tfjs-node-gpu$/);
    expect(lines.at(-1)).toMatch(/optional parts? missing; rankbias works without them\./);
  }, 120_000);
});

describe('pingRedis', () => {
  it('speaks RESP: PONG from a real server, AUTH when the URL has a password, errors named', async () => {
    expect(await pingRedis(redis.url)).toBe('+PONG');
    expect(await pingRedis(`redis://:s3cret@127.0.0.1:${secured.port}`)).toBe('+PONG');
    await expect(pingRedis(secured.url)).rejects.toThrow(/NOAUTH/);
    await expect(pingRedis('http://127.0.0.1:1')).rejects.toThrow(/expected a redis:\/\/host:port URL/);
    const check = await redisCheck(`redis://:wrong@127.0.0.1:${secured.port}`);
    expect(check.ok).toBe(false);
    expect(check.detail).not.toContain('wrong'); // the password is never printed
  });
});
