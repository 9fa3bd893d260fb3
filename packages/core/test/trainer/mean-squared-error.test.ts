/**
 * The regression loss against the composed tfjs ops it replaces: the same
 * value and gradient bit for bit on cpu and on wasm, in fewer kernels; and
 * against the closed form 2(o − y)/n.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers the gradient functions, as a trainer run does
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/index.js';
import {
  meanSquaredError,
  meanSquaredErrorOps,
  meanSquaredErrorPerRun,
  meanSquaredErrorPerRunOps,
} from '../../src/trainer/mean-squared-error.js';
import { MEAN_SQUARED_ERROR } from '../../src/trainer/mean-squared-error-kernel.js';

function seededValues(length: number, seed: number, scale: number): Float32Array {
  let t = seed >>> 0;
  return Float32Array.from({ length }, () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return (((x ^ (x >>> 14)) >>> 0) / 4294967296 - 0.5) * scale;
  });
}

async function valueAndGrad(
  loss: (o: tf.Tensor, y: tf.Tensor) => tf.Tensor,
  shape: number[],
  seed: number,
  weights: tf.Tensor = tf.scalar(0.37),
) {
  const size = shape.reduce((a, b) => a * b, 1);
  const o = tf.tensor(seededValues(size, seed, 3), shape);
  const y = tf.tensor(seededValues(size, seed + 1, 1e-3), shape);
  let result: { value: tf.Scalar; grad: tf.Tensor } | undefined;
  const info = await tf.profile(() => {
    // Weights (0.37 by default) stand in for the trainer's sum with penalties (dy ≠ 1).
    result = tf.valueAndGrad((x: tf.Tensor) => tf.sum(tf.mul(loss(x, y), weights)) as tf.Scalar)(o);
  });
  const out = {
    value: result!.value.dataSync()[0]!,
    grad: Array.from(result!.grad.dataSync()),
    kernels: info.kernels.length,
    names: info.kernels.map((k) => k.name),
  };
  tf.dispose([o, y, weights, result!.value, result!.grad]);
  return out;
}

describe('meanSquaredError', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`on ${backend}: the composed ops' value and gradient bit for bit, in fewer kernels`, async () => {
      await selectBackend(backend);
      for (const [shape, seed] of [
        [[2000, 1], 1],
        [[7, 3], 2],
      ] as const) {
        const composed = await valueAndGrad(
          (o, y) => tf.mean(tf.squaredDifference(o, y)) as tf.Scalar,
          [...shape],
          seed,
        );
        // One kernel (cpu, wasm), and the customGrad of tfjs ops that other backends run.
        for (const loss of [meanSquaredError, meanSquaredErrorOps]) {
          const fused = await valueAndGrad(loss, [...shape], seed);
          expect(fused.value).toBe(composed.value);
          expect(fused.grad).toEqual(composed.grad);
          expect(fused.kernels).toBeLessThan(composed.kernels);
          expect(fused.names.includes(MEAN_SQUARED_ERROR)).toBe(loss === meanSquaredError);
        }
      }
    });
  }

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`per run, on ${backend}: the composed stacked ops' values and gradient bit for bit, in fewer kernels`, async () => {
      await selectBackend(backend);
      for (const [shape, seed] of [
        [[8, 2000, 1], 3],
        [[3, 7, 2], 4],
      ] as const) {
        const runs = shape[0];
        const weights = () => tf.tensor1d(Array.from({ length: runs }, (_, k) => 0.37 + 0.61 * k));
        const composed = await valueAndGrad(
          (o, y) => tf.mean(tf.reshape(tf.squaredDifference(o, y), [runs, -1]), 1),
          [...shape],
          seed,
          weights(),
        );
        for (const loss of [meanSquaredErrorPerRun, meanSquaredErrorPerRunOps]) {
          const fused = await valueAndGrad(loss, [...shape], seed, weights());
          expect(fused.value).toBe(composed.value);
          expect(fused.grad).toEqual(composed.grad);
          expect(fused.kernels).toBeLessThan(composed.kernels);
          expect(fused.names.includes(MEAN_SQUARED_ERROR)).toBe(loss === meanSquaredErrorPerRun);
        }
      }
    });
  }

  it('per run: run k is meanSquaredError of slice k; gradient 2(o − y)·w_k/n in float64', async () => {
    await selectBackend('cpu');
    const o = tf.tensor2d([
      [1.5, -2, 0.25],
      [4, 0, -1],
    ]);
    const y = tf.tensor2d([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    const losses = meanSquaredErrorPerRun(o, y).dataSync();
    expect(losses[0]).toBe(meanSquaredError(tf.slice(o, 0, 1), tf.slice(y, 0, 1)).dataSync()[0]);
    expect(losses[1]).toBeCloseTo((4 + 4 + 9) / 3, 6);
    const w = [0.5, 3];
    const g = tf
      .grad((x: tf.Tensor) => tf.sum(tf.mul(meanSquaredErrorPerRun(x, y), w)) as tf.Scalar)(o)
      .arraySync() as number[][];
    const expected = [
      [1.5, -2, 0.25].map((v) => (2 * (v - 1) * w[0]!) / 3),
      [4, 0, -1].map((v) => (2 * (v - 2) * w[1]!) / 3),
    ];
    expected.forEach((row, k) => row.forEach((v, i) => expect(g[k]![i]).toBeCloseTo(v, 6)));
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`on ${backend}: the gradient with respect to the target is the composed ops' too`, async () => {
      await selectBackend(backend);
      const o = tf.tensor(seededValues(21, 5, 3), [7, 3]);
      const y = tf.tensor(seededValues(21, 6, 1), [7, 3]);
      const dTarget = (loss: (o: tf.Tensor, y: tf.Tensor) => tf.Tensor) =>
        Array.from(
          tf
            .grad((t: tf.Tensor) => tf.mul(loss(o, t), 0.37) as tf.Scalar)(y)
            .dataSync(),
        );
      expect(dTarget(meanSquaredError)).toEqual(dTarget((a, b) => tf.mean(tf.squaredDifference(a, b))));
      tf.dispose([o, y]);
    });
  }

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`on ${backend}: the kernel frees what its forward and backward passes make`, async () => {
      await selectBackend(backend);
      const o = tf.tensor(seededValues(24, 7, 3), [3, 4, 2]);
      const y = tf.tensor(seededValues(24, 8, 1), [3, 4, 2]);
      const pass = () => {
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(meanSquaredErrorPerRun(a, b)) as tf.Scalar)([o, y]);
        tf.dispose([...g, meanSquaredError(o, y)]);
      };
      pass();
      const [tensors, data] = [tf.memory().numTensors, tf.backend().numDataIds()];
      pass();
      expect([tf.memory().numTensors, tf.backend().numDataIds()]).toEqual([tensors, data]);
      tf.dispose([o, y]);
    });
  }

  it('gradient 2(o − y)/n against the closed form in float64', async () => {
    await selectBackend('cpu');
    const o = tf.tensor1d([1.5, -2, 0.25, 4]);
    const y = tf.tensor1d([1, 1, 1, 1]);
    const g = tf
      .grad((x: tf.Tensor) => meanSquaredError(x, y))(o)
      .dataSync();
    [1.5, -2, 0.25, 4].forEach((v, i) => expect(g[i]).toBeCloseTo((2 * (v - 1)) / 4, 6));
    expect(meanSquaredError(o, y).dataSync()[0]).toBeCloseTo((0.25 + 9 + 0.5625 + 9) / 4, 6);
  });
});
