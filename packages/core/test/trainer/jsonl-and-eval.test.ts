import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTraining } from '../../src/trainer/index.js';
import { baseRawConfig, resolveFixture } from '../fixtures/trainer/configs.js';
import { tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

describe('metrics.jsonl and evaluations', () => {
  beforeAll(useCpu);

  it('logs train records every logEvery steps, eval rounds on schedule, and best/final in result.json', async () => {
    const container = fixtureContainer();
    const outDir = tempRunDir();
    const raw = baseRawConfig({
      penalties: [
        { use: 'fixture-frobenius', weight: 0.01 },
        { use: 'fixture-frobenius', weight: 0.05, select: ['hidden/kernel'] },
      ],
      metrics: [{ use: 'fixture-norm', every: 4 }],
      train: { steps: 12, batchSize: 16, evalEvery: 6, logEvery: 5, evalExamples: 20, evalBatchSize: 8 },
    });
    const progress: number[] = [];
    const result = await runTraining(resolveFixture(container, raw), {
      container,
      outDir,
      backend: 'cpu',
      onProgress: (step) => progress.push(step),
    });
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const records = readFileSync(join(outDir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => `${r.kind}@${r.step}`)).toEqual([
      'eval@0',
      'eval@4',
      'train@5',
      'eval@6',
      'eval@8',
      'train@10',
      'train@12',
      'eval@12',
    ]);
    for (const r of records) expect(typeof r.time).toBe('number');
    const train = records.find((r) => r.kind === 'train')!.values;
    expect(Object.keys(train)).toEqual([
      'loss',
      'loss/data',
      'penalty/fixture-frobenius#0',
      'penalty/fixture-frobenius#1',
    ]);
    expect(train.loss).toBeCloseTo(
      train['loss/data'] + train['penalty/fixture-frobenius#0'] + train['penalty/fixture-frobenius#1'],
      10,
    );
    // step 0 (due for both) has everything; evalEvery rounds the splits; the metric's own rounds (every: 4) its keys
    expect(Object.keys(records[0].values).sort()).toEqual(
      ['fixture/test-loss', 'norm/total', 'test/accuracy', 'test/loss', 'train/accuracy', 'train/loss'].sort(),
    );
    expect(Object.keys(records[1].values).sort()).toEqual(['fixture/test-loss', 'norm/total']);
    expect(Object.keys(records[3].values).sort()).toEqual([
      'test/accuracy',
      'test/loss',
      'train/accuracy',
      'train/loss',
    ]);
    // the metric's evaluate('test') is the same evaluation as the round's test/loss
    const last = records[records.length - 1].values;
    expect(last['fixture/test-loss']).toBe(last['test/loss']);
    expect(result.final).toEqual(last);
    // accuracy over evalExamples = 20 examples: a multiple of 1/20
    expect(Math.abs(last['train/accuracy'] * 20 - Math.round(last['train/accuracy'] * 20))).toBeLessThan(1e-9);
    const evals = records.filter((r) => r.kind === 'eval' && 'test/loss' in r.values).map((r) => r.values);
    expect(result.best['test/loss']).toBe(Math.min(...evals.map((v) => v['test/loss'])));
    expect(result.best['test/accuracy']).toBe(Math.max(...evals.map((v) => v['test/accuracy'])));
    // best follows each metric's declared direction; a metric with direction none has no best
    const own = records.filter((r) => r.kind === 'eval' && 'norm/total' in r.values).map((r) => r.values);
    expect(result.best['fixture/test-loss']).toBe(Math.min(...own.map((v) => v['fixture/test-loss'])));
    expect(result.best['norm/total']).toBeUndefined();
    expect(result.metrics!['test/accuracy']).toEqual({ direction: 'max', label: 'test accuracy', unit: 'fraction' });
    expect(result.metrics!['norm/total']).toEqual({ direction: 'none', label: 'sum of weight norms', unit: '' });
    expect(result.metrics!['penalty/fixture-frobenius#1']!.label).toBe('penalty fixture-frobenius#1 (batch)');
  });
});
