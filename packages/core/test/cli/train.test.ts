import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { finished, REPO_ROOT, runRankbias, runRankbiasInProcess, startRankbias } from './run-rankbias.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rankbias-train-'));
});

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const jsonl = (file: string) =>
  readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: number; kind: string; values: Record<string, number> });

describe('rankbias train', () => {
  it('trains examples/mlp-gaussian.yaml end to end and writes the run directory', async () => {
    const out = join(dir, 'mlp');
    const run = await runRankbias([
      'train', join(REPO_ROOT, 'examples/mlp-gaussian.yaml'), '--out', out, '--backend', 'cpu',
      'train.steps=12', 'train.evalEvery=6', 'train.logEvery=3', 'data.trainSize=128', 'data.testSize=64', 'model.hidden=[16]',
    ]);
    expect(run.stderr).toMatch(/^rankbias: backend cpu \(requested\)/m);
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
    expect(result).toMatchObject({ status: 'completed', steps: 12, backend: 'cpu', seed: 0 });
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
    expect(readJson(join(out, 'result.json'))).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/NaN|Infinity/) } });
  });

  it('Ctrl-C finishes the step, writes a checkpoint and exits 130', async () => {
    const out = join(dir, 'interrupted');
    const child = startRankbias([
      'train', join(REPO_ROOT, 'examples/mlp-gaussian.yaml'), '--out', out, '--backend', 'cpu',
      'train.steps=1000000', 'train.logEvery=1', 'model.hidden=[8]',
    ]);
    const done = finished(child);
    const metrics = join(out, 'metrics.jsonl');
    const deadline = Date.now() + 60_000;
    while (!(existsSync(metrics) && readFileSync(metrics, 'utf8').includes('"kind":"train"'))) {
      if (Date.now() > deadline) throw new Error('training did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted');
    const result = readJson(join(out, 'result.json'));
    expect(result.status).toBe('stopped');
    expect(result.steps).toBeGreaterThan(0);
    expect(result.steps).toBeLessThan(1_000_000);
    expect(existsSync(join(out, 'checkpoints', 'latest'))).toBe(true);
  });
});
