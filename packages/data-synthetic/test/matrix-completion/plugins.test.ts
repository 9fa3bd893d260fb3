import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, PluginRegistry, registerPlugin } from '@rankbias/core';
import type { MatrixCompletionDataset } from '../../src/matrix-completion/dataset.js';
import type { MatrixFactorization } from '../../src/matrix-completion/model.js';
import { matrixCompletionPlugins } from '../../src/matrix-completion/plugins.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function registry(): PluginRegistry {
  const child = container.createChildContainer();
  for (const f of matrixCompletionPlugins) registerPlugin(child, f);
  return new PluginRegistry(child);
}

const ctx = (reg: PluginRegistry, seed = 0) => ({
  container: reg.container,
  rng: createRng(seed),
  seed,
  backend: 'cpu',
});

describe('matrix-completion plugins', () => {
  it('registers a dataset, a model and a metric', () => {
    const reg = registry();
    expect(reg.names('dataset')).toEqual(['matrix-completion']);
    expect(reg.names('model')).toEqual(['matrix-factorization']);
    expect(reg.names('metric')).toEqual(['matrix-completion-error']);
  });

  it('the dataset defaults to N=100, r=5, m=2000 and the instance follows seed + seedOffset', async () => {
    const reg = registry();
    const d = (await reg.create('dataset', 'matrix-completion', {}, ctx(reg, 3))) as MatrixCompletionDataset;
    expect([d.problem.size, d.problem.rank, d.size('train'), d.size('test')]).toEqual([100, 5, 2000, 8000]);
    const shifted = (await reg.create(
      'dataset',
      'matrix-completion',
      { size: 10, rank: 2, observed: 30, seedOffset: 1 },
      ctx(reg, 2),
    )) as MatrixCompletionDataset;
    const same = (await reg.create(
      'dataset',
      'matrix-completion',
      { size: 10, rank: 2, observed: 30 },
      ctx(reg, 3),
    )) as MatrixCompletionDataset;
    expect(Array.from(shifted.problem.observed)).toEqual(Array.from(same.problem.observed));
  });

  it('validates options with messages naming the problem', async () => {
    const reg = registry();
    await expect(reg.create('dataset', 'matrix-completion', { size: 10, observed: 100 }, ctx(reg))).rejects.toThrow(
      /observed must be < size²/,
    );
    await expect(reg.create('dataset', 'matrix-completion', { size: 4, rank: 5 }, ctx(reg))).rejects.toThrow(
      /rank must be <= size/,
    );
  });

  it('the model is seeded by its plugin rng and refuses dense-input datasets', async () => {
    const reg = registry();
    const a = (await reg.create(
      'model',
      'matrix-factorization',
      { size: 4, depth: 2 },
      ctx(reg, 1),
    )) as MatrixFactorization;
    const b = (await reg.create(
      'model',
      'matrix-factorization',
      { size: 4, depth: 2 },
      ctx(reg, 1),
    )) as MatrixFactorization;
    expect(Array.from(b.variables()[0]!.variable.dataSync())).toEqual(
      Array.from(a.variables()[0]!.variable.dataSync()),
    );
    const dense = { ...ctx(reg), dataset: { task: 'regression', inputShape: [5], outputSize: 1 } };
    await expect(reg.create('model', 'matrix-factorization', {}, dense)).rejects.toThrow(
      /use it with data: \{use: matrix-completion\}/,
    );
    a.dispose();
    b.dispose();
  });
});
