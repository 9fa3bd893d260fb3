import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REPO_ROOT, runRankbias, runRankbiasInProcess } from './run-rankbias.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rankbias-train-'));
});

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { step: number; kind: string; values: Record<string, number> });

describe('rankbias train', () => {
  it('trains examples/mlp-gaussian.yaml end to end and writes the run directory', async () => {
    const out = join(dir, 'mlp');
    const run = await runRankbias([
      'train',
      join(REPO_ROOT, 'examples/mlp-gaussian.yaml'),
      '--out',
      out,
      '--backend',
      'wasm',
      'train.steps=12',
      'train.evalEvery=6',
      'train.logEvery=3',
      'data.trainSize=128',
      'data.testSize=64',
      'model.hidden=[16]',
    ]);
    expect(run.stderr).toMatch(/^rankbias: backend wasm \(requested\)/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/run completed after 12 steps/);

    const config = readJson(join(out, 'config.json'));
    expect(config.train.steps).toBe(12);
    expect(config.model).toMatchObject({ use: 'mlp', hidden: [16], activation: 'relu' });
    expect(config.data).toMatchObject({ use: 'gaussian-mixture', trainSize: 128 });

    const records = jsonl(join(out, 'metrics.jsonl'));
    expect(records.filter((r) => r.kind === 'train').map((r) => r.step)).toEqual([3, 6, 9, 12]);
    expect(records.filter((r) => r.kind === 'eval').map((r) => r.step)).toEqual([0, 6, 12]);

    const result = readJson(join(out, 'result.json'));
    expect(result).toMatchObject({ status: 'completed', steps: 12, backend: 'wasm', seed: 0 });
    const lastEval = records.filter((r) => r.kind === 'eval').at(-1)!;
    expect(result.final).toEqual(lastEval.values);
    expect(result.final['test/accuracy']).toBeGreaterThan(0.25);
  });

  it('a run whose loss becomes non-finite exits 1 with status failed', async () => {
    const file = join(dir, 'diverge.yaml');
    writeFileSync(
      file,
      stringify({
        data: { use: 'gaussian-mixture', classes: 2, dim: 4, trainSize: 32, testSize: 16, separation: 50 },
        model: { use: 'mlp', hidden: [32] },
        optimizer: { use: 'sgd', lr: 1e30 },
        train: { steps: 20, batchSize: 'full' },
      }),
    );
    const out = join(dir, 'diverge');
    const run = await runRankbiasInProcess(['train', file, '--out', out, '--backend', 'cpu']);
    expect(run.code).toBe(1);
    expect(readJson(join(out, 'result.json'))).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(/NaN|Infinity/) },
    });
  });

  it('Ctrl-C finishes the step, checkpoints and exits 130; --resume ends where an uninterrupted run ends', async () => {
    // a local plugin whose callback presses Ctrl-C (a real SIGINT to this process) after step `at`
    writeFileSync(
      join(dir, 'sigint-plugin.mjs'),
      `export function register(container) {
        container.register(Symbol.for('rankbias:callback'), { useValue: {
          kind: 'callback', name: 'sigint-at', description: 'sends SIGINT to itself', package: 'local',
          options: { parse: (o) => o, safeParse: (o) => ({ success: true, data: o }) },
          create: ({ at }) => ({ async onStepEnd(ctx, record) {
            if (record.step !== at) return;
            process.kill(process.pid, 'SIGINT');
            await new Promise((r) => setTimeout(r, 100));
          } }),
        } });
      }`,
    );
    const configFor = (at: number) => {
      const file = join(dir, `interrupt-${at}.yaml`);
      writeFileSync(
        file,
        stringify({
          seed: 3,
          data: { use: 'gaussian-mixture', classes: 3, dim: 6, trainSize: 90, testSize: 45 },
          model: { use: 'mlp', hidden: [12] },
          optimizer: { use: 'sgd', lr: 0.05, momentum: 0.9 },
          callbacks: [{ use: 'sigint-at', at }],
          train: { steps: 40, batchSize: 16, evalEvery: 20, logEvery: 5 },
        }),
      );
      return file;
    };
    const out = join(dir, 'interrupted');
    const args = (file: string, o: string) => [
      'train',
      file,
      '--out',
      o,
      '--backend',
      'cpu',
      '--plugin',
      './sigint-plugin.mjs',
    ];

    const first = await runRankbias(args(configFor(5), out), dir);
    expect(first.stderr).toContain('interrupted');
    expect(first.code).toBe(130);
    const stopped = readJson(join(out, 'result.json'));
    expect(stopped.status).toBe('stopped');
    expect(stopped.steps).toBeGreaterThanOrEqual(5);
    expect(stopped.steps).toBeLessThan(40);
    expect(existsSync(join(out, 'checkpoints', 'latest'))).toBe(true);

    const resumed = await runRankbias([...args(configFor(5), out), '--resume'], dir);
    expect(resumed.code).toBe(0);
    const done = readJson(join(out, 'result.json'));
    expect(done).toMatchObject({ status: 'completed', steps: 40 });

    const straight = join(dir, 'straight');
    const reference = await runRankbiasInProcess(args(configFor(-1), straight), dir);
    expect(reference.code).toBe(0);
    expect(done.final).toEqual(readJson(join(straight, 'result.json')).final);
  });
});
