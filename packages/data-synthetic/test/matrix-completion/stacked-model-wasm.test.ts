import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { container } from 'tsyringe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  corePlugins,
  createRng,
  PluginRegistry,
  registerPlugin,
  resolveConfig,
  runTraining,
  selectBackend,
  trainBatched,
  type StackedModel,
} from '@rankbias/core';
import { MatrixFactorization } from '../../src/matrix-completion/model.js';
import { matrixCompletionPlugins } from '../../src/matrix-completion/plugins.js';

const N = 7;
const K = 3;
let models: MatrixFactorization[];
let stacked: StackedModel;

beforeAll(async () => {
  expect((await selectBackend('wasm')).name).toBe('wasm');
  models = Array.from(
    { length: K },
    (_, k) => new MatrixFactorization({ size: N, depth: 3, initScale: 1 }, createRng(k)),
  );
  stacked = models[0]!.stackWith(models.slice(1));
});
const root = mkdtempSync(join(tmpdir(), 'rankbias-stacked-wasm-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  stacked.dispose();
  for (const m of models) m.dispose();
});

/** `[K, b, 2]` entries, different for every run, and per-entry weights for a loss Σ w·prediction. */
function entries(seed: number, b: number): { x: tf.Tensor3D; weights: number[][] } {
  const rng = createRng(seed);
  const idx = Int32Array.from({ length: K * b * 2 }, () => Math.floor(rng.next() * N));
  const weights = Array.from({ length: K }, () => Array.from({ length: b }, () => rng.normal()));
  return { x: tf.tensor3d(idx, [K, b, 2], 'int32'), weights };
}

/** Predictions and gradients of the stacked model against each model on its own slice. */
function expectSameAsSeparate(x: tf.Tensor3D, weights: number[][]): void {
  const b = x.shape[1];
  const w = tf.tensor3d(weights.flat(), [K, b, 1]);
  const stackedVars = stacked.trainableVariables();
  const batched = tf.variableGrads(
    () => tf.sum(tf.mul(stacked.apply(x, { training: true }), w)) as tf.Scalar,
    stackedVars.map((v) => v.variable),
  );
  const slices = tf.unstack(x);
  models.forEach((model, k) => {
    const own = tf.variableGrads(
      () => tf.sum(tf.mul(model.apply(slices[k]!, { training: true }), tf.tensor2d(weights[k]!, [b, 1]))) as tf.Scalar,
      model.trainableVariables().map((v) => v.variable),
    );
    model.trainableVariables().forEach((v, i) => {
      const got = tf.unstack(batched.grads[stackedVars[i]!.variable.name]!)[k]!.dataSync();
      const want = own.grads[v.variable.name]!.dataSync();
      const scale = Math.max(...Array.from(want, Math.abs));
      want.forEach((g, j) => expect(Math.abs(got[j]! - g), `run ${k} ${v.name}[${j}]`).toBeLessThan(1e-5 * scale));
    });
    tf.dispose(Object.values(own.grads));
  });
  tf.dispose([w, ...slices, ...Object.values(batched.grads)]);
}

describe('StackedMatrixFactorization on the wasm backend (what `rankbias train` picks by default)', () => {
  it('gradients of all runs equal each model on its own entries, for a new input and for the same input again', () => {
    const first = entries(1, 5);
    const second = entries(2, 5);
    const third = entries(3, 9);
    expectSameAsSeparate(first.x, first.weights);
    expectSameAsSeparate(second.x, second.weights);
    expectSameAsSeparate(second.x, first.weights);
    expectSameAsSeparate(third.x, third.weights);
    expect(tf.getBackend()).toBe('wasm');
    tf.dispose([first.x, second.x, third.x]);
  });
});

describe('trainBatched on the wasm backend', () => {
  it('two seeds of a depth-3 factorisation batched end with the metrics of separate runs', async () => {
    const child = container.createChildContainer();
    for (const f of [...corePlugins(), ...matrixCompletionPlugins]) registerPlugin(child, f);
    const config = (seed: number) =>
      resolveConfig(
        {
          name: 'batched-wasm',
          seed,
          backend: 'wasm',
          data: { use: 'matrix-completion', size: 20, rank: 2, observed: 120 },
          model: { use: 'matrix-factorization', size: 20, depth: 3, initScale: 0.1 },
          optimizer: { use: 'sgd', lr: 2 },
          metrics: [{ use: 'matrix-completion-error', topK: 2 }],
          train: { steps: 30, batchSize: 'full', evalEvery: 10, logEvery: 10 },
        },
        new PluginRegistry(child),
      );
    const options = { container: child, backend: 'wasm', loggers: [] };
    const batched = await trainBatched([config(0), config(1)], {
      ...options,
      outDirs: [0, 1].map((s) => join(root, `b${s}`)),
    });
    for (const seed of [0, 1]) {
      const alone = await runTraining(config(seed), { ...options, outDir: join(root, `a${seed}`) });
      expect(Object.keys(batched[seed]!.final).sort()).toEqual(Object.keys(alone.final).sort());
      for (const [key, value] of Object.entries(alone.final))
        expect(batched[seed]!.final[key], key).toBeCloseTo(value, 5);
    }
    expect(batched[0]!.final['test/rmse']).not.toBe(batched[1]!.final['test/rmse']);
  });
});
