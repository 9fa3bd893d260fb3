import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container as rootContainer } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { PluginRegistry, register, registerPlugin, resolveConfig, runTraining } from '@rankbias/core';
import { describeMetricConformance } from '@rankbias/core/testing';
import { matrixCompletionPlugins, matrixCompletionMetricPlugin } from '../../src/matrix-completion/plugins.js';

describeMetricConformance({
  factory: matrixCompletionMetricPlugin,
  options: { topK: 2 },
  data: { use: 'matrix-completion', size: 6, rank: 2, observed: 20 },
  model: { use: 'matrix-factorization', size: 6, depth: 2 },
  plugins: matrixCompletionPlugins.filter((p) => p.kind !== 'metric'),
});

describe('best values in result.json follow the declared directions', () => {
  it('test/rmse and test/rel_error take their minimum, the effective rank has no best, and the true rank is its reference', async () => {
    await tf.setBackend('cpu');
    const container = rootContainer.createChildContainer();
    register(container);
    for (const f of matrixCompletionPlugins) registerPlugin(container, f);
    const raw = {
      seed: 1,
      data: { use: 'matrix-completion', size: 8, rank: 1, observed: 40 },
      model: { use: 'matrix-factorization', size: 8, depth: 2, initScale: 0.1 },
      optimizer: { use: 'tfjs-adam', lr: 0.05 },
      metrics: [{ use: 'matrix-completion-error', topK: 1 }],
      loggers: [],
      train: { steps: 60, batchSize: 'full', evalEvery: 10 },
    };
    const evals: Record<string, number>[] = [];
    const result = await runTraining(resolveConfig(raw, new PluginRegistry(container)), {
      container,
      backend: 'cpu',
      loggers: [{ log: (r) => void (r.kind === 'eval' && evals.push({ ...r.values })) }],
    });
    const rmse = evals.map((v) => v['test/rmse']!);
    expect(rmse[0]).not.toBe(Math.min(...rmse)); // training improved it, so best ≠ the first value
    expect(result.best['test/rmse']).toBe(Math.min(...rmse));
    expect(result.best['test/rel_error']).toBe(Math.min(...evals.map((v) => v['test/rel_error']!)));
    expect(result.best['train/loss']).toBe(Math.min(...evals.map((v) => v['train/loss']!)));
    expect(result.best).not.toHaveProperty('end-to-end/erank');
    expect(result.metrics!['end-to-end/erank']).toEqual({
      direction: 'none',
      label: 'effective rank of the learned matrix',
      unit: '',
      reference: [{ value: 1, label: 'true rank' }],
    });
    expect(result.metrics!['end-to-end/sigma_1']!.label).toBe('singular value σ1 of the learned matrix');
  });
});
