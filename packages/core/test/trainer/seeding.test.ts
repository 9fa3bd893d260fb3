import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTraining } from '../../src/trainer/index.js';
import { baseRawConfig, resolveFixture } from '../fixtures/trainer/configs.js';
import { metricsWithoutTime, tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

async function train(seed: number) {
  const container = fixtureContainer();
  const config = resolveFixture(container, baseRawConfig({ seed }));
  const outDir = tempRunDir();
  const result = await runTraining(config, { container, outDir, backend: 'cpu' });
  return { result, outDir };
}

describe('seeding', () => {
  beforeAll(useCpu);

  it('same seed gives identical metrics (dropout, shuffling, augmentation, init); another seed differs', async () => {
    const a = await train(7);
    const b = await train(7);
    const c = await train(8);
    expect(a.result.status).toBe('completed');
    expect(a.result.steps).toBe(30);
    expect(Object.keys(a.result.final)).toEqual(
      expect.arrayContaining([
        'train/loss',
        'train/accuracy',
        'test/loss',
        'test/accuracy',
        'norm/total',
        'fixture/test-loss',
      ]),
    );
    expect(a.result.final).toEqual(b.result.final);
    expect(a.result.best).toEqual(b.result.best);
    expect(metricsWithoutTime(a.outDir)).toEqual(metricsWithoutTime(b.outDir));
    expect(c.result.final['test/loss']).not.toBe(a.result.final['test/loss']);
    expect(metricsWithoutTime(c.outDir)[0]!.values).not.toEqual(metricsWithoutTime(a.outDir)[0]!.values);
    // the result file holds what runTraining returned
    const onDisk = JSON.parse(readFileSync(join(a.outDir, 'result.json'), 'utf8'));
    expect(onDisk.final).toEqual(a.result.final);
    expect(onDisk.seed).toBe(7);
    expect(onDisk.backend).toBe('cpu');
  });
});
