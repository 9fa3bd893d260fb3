import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { penaltyLabels, runTraining, selectPenaltyWeights } from '../../src/trainer/index.js';
import type { TrainableModel } from '../../src/contracts/model.js';
import type { PluginFactory } from '../../src/contracts/plugin.js';
import { resolveFixture } from '../fixtures/trainer/configs.js';
import { useCpu } from '../fixtures/trainer/helpers.js';
import { factorizedModelPlugin, fixtureContainer, mlpModelPlugin } from '../fixtures/trainer/plugins.js';

async function build(factory: PluginFactory<'model'>): Promise<TrainableModel> {
  const ctx = {
    container: fixtureContainer(),
    rng: createRng(1),
    seed: 1,
    backend: 'cpu',
    dataset: { task: 'regression' as const, inputShape: [4], outputSize: 3 },
  };
  return factory.create(factory.options.parse({}), ctx as never) as Promise<TrainableModel>;
}

describe('penalty weight selection', () => {
  beforeAll(useCpu);

  it('defaults to trainable variables of rank >= 2 plus every effective weight', async () => {
    const mlp = await build(mlpModelPlugin);
    expect([...selectPenaltyWeights(mlp, undefined, 'p')]).toEqual(['hidden/kernel', 'out/kernel']);
    const fact = await build(factorizedModelPlugin);
    expect([...selectPenaltyWeights(fact, undefined, 'p')]).toEqual(['factor/a', 'factor/b', 'end-to-end']);
    mlp.dispose();
    fact.dispose();
  });

  it('select globs pick among variables and effective weights; no match is an error listing the names', async () => {
    const fact = await build(factorizedModelPlugin);
    const before = tf.memory().numTensors;
    expect([...selectPenaltyWeights(fact, ['end-*'], 'p')]).toEqual(['end-to-end']);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => selectPenaltyWeights(fact, ['dense*'], 'penalties[0] (nuclear)')).toThrow(
      /penalties\[0\] \(nuclear\): select \[dense\*\] matches no weight of the model\. Weights: factor\/a, factor\/b, end-to-end/,
    );
    fact.dispose();
  });

  it('labels repeated penalties by index', () => {
    expect(penaltyLabels(['l2', 'nuclear', 'l2'])).toEqual(['penalty/l2#0', 'penalty/nuclear', 'penalty/l2#1']);
  });

  it('a penalty on the effective weight trains through it (gradients reach both factors)', async () => {
    const container = fixtureContainer();
    const raw = {
      seed: 5,
      data: { use: 'fixture-blobs', task: 'regression', train: 16, test: 0 },
      model: { use: 'fixture-factorized' },
      optimizer: { use: 'sgd', lr: 0.05 },
      penalties: [{ use: 'fixture-frobenius', weight: 0.5, select: ['end-to-end'] }],
      loggers: [],
      train: { steps: 3, batchSize: 'full', evalSplits: ['train'] },
    };
    const values: number[] = [];
    const result = await runTraining(resolveFixture(container, raw), {
      container,
      backend: 'cpu',
      onProgress: (_s, _t, v) => void values.push(v['penalty/fixture-frobenius']!),
    });
    expect(result.status).toBe('completed');
    expect(values).toHaveLength(3);
    expect(values.every((v) => v > 0)).toBe(true);
  });
});
