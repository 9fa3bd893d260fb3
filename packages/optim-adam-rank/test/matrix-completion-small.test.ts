import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  definePlugin,
  PluginRegistry,
  register as registerCore,
  registerPlugin,
  resolveConfig,
  runTraining,
} from '@rankbias/core';
import { register as registerData } from '@rankbias/data-synthetic';
import { register as registerPenalties } from '@rankbias/reg-depth-mirror';
import { AdamRank, adamPlugin, register } from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function registry(): PluginRegistry {
  const c = container.createChildContainer();
  registerCore(c);
  registerData(c);
  registerPenalties(c);
  register(c);
  return new PluginRegistry(c);
}

/** Small version of examples/matrix-completion-depth1-*.yaml: N = 16, rank 2, 120 observed entries. */
function config(penalty: 'none' | 'coupled' | 'decoupled', steps: number) {
  return {
    seed: 0,
    backend: 'cpu',
    data: { use: 'matrix-completion', size: 16, rank: 2, observed: 120 },
    model: { use: 'matrix-factorization', size: 16, depth: 1, initScale: 1e-3 },
    optimizer: { use: 'adam', lr: 0.01, betas: [0.9, 0.9] },
    penalties:
      penalty === 'none' ? [] : [{ use: 'depth-mirror', weight: 1e-3, select: ['end-to-end'], coupling: penalty }],
    metrics: [{ use: 'matrix-completion-error', topK: 3 }],
    loggers: [],
    train: { steps, batchSize: 'full', evalEvery: 0, logEvery: 50 },
  };
}

async function testError(penalty: 'none' | 'coupled' | 'decoupled', steps: number) {
  const reg = registry();
  const result = await runTraining(resolveConfig(config(penalty, steps), reg), {
    container: reg.container,
    backend: 'cpu',
  });
  expect(result.status).toBe('completed');
  return result.final;
}

describe('matrix completion, small scale (the qualitative claim of docs/science.md#4-an-explicit-penalty-that-mirrors-depth)', () => {
  it('depth 1 + depth-mirror + Adam completes the matrix; depth 1 + Adam alone does not', async () => {
    const plain = await testError('none', 600);
    const penalised = await testError('coupled', 600);
    // without the penalty unobserved entries get no gradient: error stays at 1
    expect(plain['test/rel_error']).toBeGreaterThan(0.95);
    expect(plain['train/rmse']).toBeLessThan(0.05);
    // with it, a low-rank completion: clearly lower test error, effective rank near the true 2
    expect(penalised['test/rel_error']).toBeLessThan(0.3);
    expect(penalised['end-to-end/erank']).toBeLessThan(4);
    expect(plain['end-to-end/erank']).toBeGreaterThan(6);
  });

  it('the trainer routes a decoupled penalty through applyGradientsDecoupled', async () => {
    const calls = { coupled: 0, decoupled: 0 };
    class CountingAdam extends AdamRank {
      override applyGradients(g: tf.NamedTensorMap) {
        calls.coupled++;
        super.applyGradients(g);
      }
      override applyGradientsDecoupled(g: tf.NamedTensorMap, d: tf.NamedTensorMap) {
        calls.decoupled++;
        expect(Object.keys(d)).toEqual(Object.keys(g));
        super.applyGradientsDecoupled(g, d);
      }
    }
    for (const coupling of ['coupled', 'decoupled'] as const) {
      const reg = registry();
      registerPlugin(
        reg.container,
        definePlugin({ ...adamPlugin, name: 'counting-adam', create: () => new CountingAdam({ learningRate: 0.01 }) }),
      );
      const cfg = { ...config(coupling, 7), optimizer: { use: 'counting-adam' } };
      const result = await runTraining(resolveConfig(cfg, reg), { container: reg.container, backend: 'cpu' });
      expect(result.status).toBe('completed');
    }
    expect(calls).toEqual({ coupled: 7, decoupled: 7 });
  });
});
