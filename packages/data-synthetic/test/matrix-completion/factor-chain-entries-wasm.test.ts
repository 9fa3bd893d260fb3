import * as tf from '@tensorflow/tfjs-core';
import { backendMatMulGemm, createRng, selectBackend, selectLinalg } from '@rankbias/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherEntries } from '../../src/matrix-completion/gather-entries.js';
import { MatrixFactorization } from '../../src/matrix-completion/model.js';

const N = 24;

beforeAll(async () => {
  expect((await selectBackend('wasm')).name).toBe('wasm');
  // .ci/run installs libopenblas0-pthread: the wasm products then run on its sgemm, and so does the fused op.
  expect((await selectLinalg('lapack')).name).toBe('lapack');
  expect(backendMatMulGemm()).toBeDefined();
});

/** `count` int32 (row, col) pairs, some repeated. */
function entries(count: number, seed: number, runs?: number): tf.Tensor {
  const rng = createRng(seed);
  const total = (runs ?? 1) * count;
  const idx = Int32Array.from({ length: 2 * total }, () => Math.floor(rng.next() * N));
  idx.set(idx.subarray(0, 6), 2 * total - 6);
  return runs === undefined ? tf.tensor2d(idx, [count, 2], 'int32') : tf.tensor3d(idx, [runs, count, 2], 'int32');
}

/** The model's prediction path before the fused op: the chain by tf.matMul (BatchMatMul on the same sgemm), gatherND. */
function composedPredictions(model: MatrixFactorization, indices: tf.Tensor): tf.Tensor {
  let product = model.factors[0]!.variable as tf.Tensor2D;
  for (const f of model.factors.slice(1)) product = tf.matMul(f.variable as tf.Tensor2D, product);
  return tf.reshape(gatherEntries(product, indices), [-1, 1]);
}

/** Loss Σ w·prediction², its value and gradients as plain arrays. */
function lossAndGrads(predict: () => tf.Tensor, variables: tf.Variable[], weights: tf.Tensor) {
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.mul(tf.square(predict()), weights)) as tf.Scalar,
    variables,
  );
  const out = { value: value.dataSync()[0], grads: variables.map((v) => Array.from(grads[v.name]!.dataSync())) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

describe('MatrixFactorization on wasm + BLAS: one fused op, the same numbers bit for bit', () => {
  for (const depth of [1, 2, 3]) {
    it(`depth ${depth}: predictions, loss and every factor's gradient equal the composed ops exactly`, () => {
      const model = new MatrixFactorization({ size: N, depth, initScale: 1 }, createRng(depth));
      const variables = model.factors.map((f) => f.variable);
      const indices = entries(40, 10 + depth);
      const weights = tf.tensor2d(
        Float32Array.from({ length: 40 }, (_, j) => Math.cos(j)),
        [40, 1],
      );
      const tensorsBefore = tf.memory().numTensors;
      const fused = lossAndGrads(() => model.apply(indices, { training: true }), variables, weights);
      const composed = lossAndGrads(() => composedPredictions(model, indices), variables, weights);
      expect(fused.value).toBe(composed.value);
      fused.grads.forEach((g, k) => expect(g, `dW${k + 1}`).toEqual(composed.grads[k]));
      tf.tidy(() => {
        expect(Array.from(model.apply(indices).dataSync())).toEqual(
          Array.from(composedPredictions(model, indices).dataSync()),
        );
      });
      // The op keeps no tensor of its own beyond a step.
      expect(tf.memory().numTensors).toBe(tensorsBefore);
      model.dispose();
    });
  }

  it('depth 3 over several steps with new pairs each step: still bit for bit (scatter buffers reused clean)', () => {
    const model = new MatrixFactorization({ size: N, depth: 3, initScale: 1 }, createRng(7));
    const variables = model.factors.map((f) => f.variable);
    const weights = tf.tensor2d(
      Float32Array.from({ length: 40 }, (_, j) => Math.cos(j)),
      [40, 1],
    );
    for (let step = 0; step < 3; step++) {
      const indices = entries(40, 30 + step);
      const fused = lossAndGrads(() => model.apply(indices, { training: true }), variables, weights);
      const composed = lossAndGrads(() => composedPredictions(model, indices), variables, weights);
      fused.grads.forEach((g, k) => expect(g, `step ${step} dW${k + 1}`).toEqual(composed.grads[k]));
      indices.dispose();
    }
    model.dispose();
  });

  it('the forward and backward pass of depth 3 take two kernels where the composed ops took a dozen', async () => {
    const model = new MatrixFactorization({ size: N, depth: 3, initScale: 1 }, createRng(5));
    const variables = model.factors.map((f) => f.variable);
    const indices = entries(30, 5);
    const count = async (predict: () => tf.Tensor) => {
      const info = await tf.profile(() => {
        tf.dispose(tf.variableGrads(() => tf.sum(predict()) as tf.Scalar, variables).grads);
      });
      return info.kernels.map((k) => k.name);
    };
    const fused = await count(() => model.apply(indices));
    const composed = await count(() => composedPredictions(model, indices));
    expect(fused.filter((k) => k === 'BatchMatMul' || k === 'GatherNd' || k === 'ScatterNd')).toEqual([]);
    expect(composed.filter((k) => k === 'BatchMatMul')).toHaveLength(6);
    expect(fused.length).toBeLessThan(composed.length - 8);
    model.dispose();
  });

  it('K stacked runs (trainBatched) give each run the numbers it gets alone, bit for bit', () => {
    const K = 3;
    const models = Array.from(
      { length: K },
      (_, k) => new MatrixFactorization({ size: N, depth: 3, initScale: 1 }, createRng(20 + k)),
    );
    const stacked = models[0]!.stackWith(models.slice(1));
    const x = entries(16, 8, K);
    const weights = tf.tensor3d(
      Float32Array.from({ length: K * 16 }, (_, j) => Math.sin(j)),
      [K, 16, 1],
    );
    const stackedVars = stacked.trainableVariables().map((v) => v.variable);
    const batched = lossAndGrads(() => stacked.apply(x, { training: true }), stackedVars, weights);
    const slices = tf.unstack(x);
    const weightSlices = tf.unstack(weights);
    let total = 0;
    models.forEach((model, k) => {
      const own = lossAndGrads(
        () => model.apply(slices[k]!, { training: true }),
        model.factors.map((f) => f.variable),
        weightSlices[k]!,
      );
      total += own.value!;
      own.grads.forEach((g, i) =>
        expect(batched.grads[i]!.slice(k * N * N, (k + 1) * N * N), `run ${k} dW${i + 1}`).toEqual(g),
      );
    });
    expect(batched.value).toBeCloseTo(total, 3);
    stacked.dispose();
    for (const m of models) m.dispose();
  });
});
