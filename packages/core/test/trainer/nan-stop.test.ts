import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTraining } from '../../src/trainer/index.js';
import { resolveFixture } from '../fixtures/trainer/configs.js';
import { metricsWithoutTime, tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

async function run(raw: Record<string, unknown>) {
  const container = fixtureContainer();
  const outDir = tempRunDir();
  const result = await runTraining(resolveFixture(container, raw), { container, outDir, backend: 'cpu' });
  return { result, outDir, onDisk: JSON.parse(readFileSync(join(outDir, 'result.json'), 'utf8')) };
}

const base = {
  seed: 1,
  data: { use: 'fixture-blobs', task: 'regression', train: 32, test: 16 },
  model: { use: 'fixture-linear' },
  loggers: [{ use: 'jsonl' }],
};

describe('NaN/Inf stops the run', () => {
  beforeAll(useCpu);

  it('an infinite penalty fails the run at step 1 naming the term', async () => {
    const { result, onDisk, outDir } = await run({
      ...base,
      optimizer: { use: 'sgd', lr: 0.01 },
      penalties: [{ use: 'fixture-infinite', weight: 1 }],
      train: { steps: 20, batchSize: 8, evalEvery: 5, logEvery: 1 },
    });
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ step: 1, term: 'penalty/fixture-infinite' });
    expect(result.error!.message).toMatch(/penalty\/fixture-infinite.*Infinity.*step 1/);
    expect(onDisk.status).toBe('failed');
    expect(onDisk.error).toEqual(result.error);
    expect(result.steps).toBe(0);
    // what was logged before the failure (the evaluation at step 0) is kept
    expect(metricsWithoutTime(outDir).map((r) => [r.kind, r.step])).toEqual([['eval', 0]]);
  });

  it('a diverging learning rate fails the run at the step where the data loss overflows', async () => {
    const { result, onDisk, outDir } = await run({
      ...base,
      optimizer: { use: 'sgd', lr: 50 },
      train: { steps: 500, batchSize: 8, logEvery: 1 },
    });
    expect(result.status).toBe('failed');
    expect(result.error!.term).toBe('loss/data');
    const step = result.error!.step!;
    expect(step).toBeGreaterThan(1);
    expect(result.steps).toBe(step - 1);
    expect(onDisk.error.step).toBe(step);
    const train = metricsWithoutTime(outDir).filter((r) => r.kind === 'train');
    expect(train.map((r) => r.step)).toEqual(Array.from({ length: step - 1 }, (_, i) => i + 1));
    expect(train.every((r) => Number.isFinite(r.values['loss/data']))).toBe(true);
    expect(train[train.length - 1]!.values['loss/data']).toBeGreaterThan(1e20);
  });
});
