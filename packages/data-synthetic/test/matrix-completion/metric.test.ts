import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Matrix, SVD } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Dataset, type MetricContext, type TrainableModel } from '@rankbias/core';
import { MatrixCompletionDataset } from '../../src/matrix-completion/dataset.js';
import { MatrixCompletionError } from '../../src/matrix-completion/metric.js';
import { MatrixFactorization } from '../../src/matrix-completion/model.js';
import { generateMatrixCompletion } from '../../src/matrix-completion/problem.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ctx = (model: TrainableModel, dataset: Dataset): MetricContext => ({
  model,
  dataset,
  step: 0,
  evaluate: async () => ({ loss: 0 }),
});

/** A model without effective weights that predicts `values` (exercises the predict-every-entry path). */
function fixedModel(values: Float64Array, n: number): TrainableModel {
  const table = tf.tensor2d(Float32Array.from(values), [n, n]);
  return {
    apply: (x) => tf.tidy(() => tf.reshape(tf.gatherND(table, x), [-1, 1])),
    trainableVariables: () => [],
    variables: () => [],
    dispose: () => table.dispose(),
  };
}

describe('matrix-completion-error metric', () => {
  const p = generateMatrixCompletion({ size: 12, rank: 3, observed: 60, seed: 4 });
  const data = new MatrixCompletionDataset(p);

  it('is zero error for the truth, with erank and top singular values of W*', async () => {
    const out = await new MatrixCompletionError(4).compute(ctx(fixedModel(p.truth, 12), data));
    expect(out['test/rel_error']).toBeLessThan(1e-6);
    expect(out['test/rmse']).toBeLessThan(1e-5);
    const ref = new SVD(
      new Matrix(Array.from({ length: 12 }, (_, i) => Array.from(p.truth.slice(i * 12, i * 12 + 12)))),
    ).diagonal;
    for (let i = 0; i < 4; i++) expect(out[`end-to-end/sigma_${i + 1}`]).toBeCloseTo(ref[i]!, 4);
    const total = ref.reduce((a, s) => a + s, 0);
    const h = -ref.filter((s) => s > 1e-9).reduce((a, s) => a + (s / total) * Math.log(s / total), 0);
    expect(out['end-to-end/erank']).toBeCloseTo(Math.exp(h), 4);
    expect(out['end-to-end/erank']).toBeLessThanOrEqual(3);
  });

  it('relative MSE is the squared ratio of unobserved error and truth energies', async () => {
    const half = Float64Array.from(p.truth, (v) => v / 2);
    const out = await new MatrixCompletionError(0).compute(ctx(fixedModel(half, 12), data));
    const energy = (f: (i: number) => number) => Array.from(p.unobserved).reduce((a, i) => a + f(i) ** 2, 0);
    const relMse = energy((i) => p.truth[i]! - half[i]!) / energy((i) => p.truth[i]!);
    expect(out['test/rel_mse']).toBeCloseTo(relMse, 6);
    expect(out['test/rel_mse']).toBeCloseTo(0.25, 6);
  });

  it('the zero matrix has relative test error 1 and RMSE = RMS of unobserved truth', async () => {
    const out = await new MatrixCompletionError(0).compute(ctx(fixedModel(new Float64Array(144), 12), data));
    expect(out['test/rel_error']).toBeCloseTo(1, 6);
    const rms = Math.sqrt(Array.from(p.unobserved).reduce((a, i) => a + p.truth[i]! ** 2, 0) / p.unobserved.length);
    expect(out['test/rmse']).toBeCloseTo(rms, 5);
  });

  it('reads the end-to-end matrix of a factorisation and leaves no tensors behind', async () => {
    const model = new MatrixFactorization({ size: 12, depth: 2, initScale: 1 }, createRng(1));
    const before = tf.memory().numTensors;
    const out = await new MatrixCompletionError(2).compute(ctx(model, data));
    expect(tf.memory().numTensors).toBe(before);
    expect(out['end-to-end/erank']).toBeGreaterThan(3);
    model.dispose();
  });

  it('explains a wrong dataset or a size mismatch', async () => {
    const other = { name: 'gaussian-mixture' } as Dataset;
    const model = new MatrixFactorization({ size: 10, depth: 1, initScale: 1 }, createRng(1));
    expect(() => new MatrixCompletionError(1).compute(ctx(model, other))).toThrow(
      /needs the dataset "matrix-completion", got "gaussian-mixture"/,
    );
    expect(() => new MatrixCompletionError(1).compute(ctx(model, data))).toThrow(
      /10×10 but the dataset is 12×12; set model.size: 12/,
    );
    model.dispose();
  });
});
