/**
 * The batched runs' penalty op against the single op on each slice: the same
 * values and gradients bit for bit, for both quantities and every method, on
 * cpu and wasm; a NaN slice stays in its run; and far fewer kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng, selectBackend } from '@rankbias/core';
import { describe, expect, it } from 'vitest';
import { stackedSpectralOp } from '../src/ops/stacked-spectral-op.js';
import { spectralOp, type Quantity } from '../src/ops/spectral-ops.js';
import { depthMirrorPenalty } from '../src/penalties/depth-mirror.js';
import { nuclearPenalty } from '../src/penalties/nuclear.js';
import type { SpectralMethod } from '../src/ops/method.js';

/** K slices of `shape`, slice k with its own values; weights of dy differ per run. */
function stack(runs: number, shape: number[], seed: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const r = createRng(seed);
  return tf.tensor(
    Float32Array.from({ length: runs * size }, () => r.next() - 0.5),
    [runs, ...shape],
  );
}

function weighted(values: tf.Tensor, runs: number): tf.Scalar {
  return tf.sum(tf.mul(values, tf.tensor1d(Array.from({ length: runs }, (_, k) => 0.3 + 0.7 * k)))) as tf.Scalar;
}

async function valueAndGrad(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor) {
  let out: { value: tf.Scalar; grad: tf.Tensor } | undefined;
  const info = await tf.profile(() => {
    out = tf.valueAndGrad(f)(x);
  });
  const result = {
    value: out!.value.dataSync()[0]!,
    grad: Array.from(out!.grad.dataSync()),
    kernels: info.kernels.length,
  };
  tf.dispose([out!.value, out!.grad]);
  return result;
}

const perSlice =
  (quantity: Quantity, method: SpectralMethod) =>
  (x: tf.Tensor): tf.Tensor =>
    tf.stack(tf.unstack(x).map((s) => spectralOp(quantity, s, method, {})));

describe('stackedSpectralOp: each run as the single op on its slice, bit for bit', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const quantity of ['ratio', 'nuclear'] as const) {
      for (const method of ['gram', 'jacobi', 'auto'] as const) {
        it(`${quantity}, ${method}, on ${backend}: [4, 12, 7] and conv-shaped [3, 3, 3, 2, 5]`, async () => {
          await selectBackend(backend);
          for (const [runs, shape, seed] of [
            [4, [12, 7], 1],
            [3, [3, 3, 2, 5], 2],
          ] as const) {
            const x = stack(runs, [...shape], seed);
            const single = await valueAndGrad((t) => weighted(perSlice(quantity, method)(t), runs), x);
            const stacked = await valueAndGrad((t) => weighted(stackedSpectralOp(quantity, t, method, {}), runs), x);
            expect(stacked.value).toBe(single.value);
            expect(stacked.grad).toEqual(single.grad);
            expect(stacked.kernels).toBeLessThan(single.kernels);
            x.dispose();
          }
        });
      }
    }
  }

  it('newton-schulz goes slice by slice through the single op', async () => {
    await selectBackend('cpu');
    const x = stack(2, [6, 6], 3);
    const single = await valueAndGrad((t) => weighted(perSlice('ratio', 'newton-schulz')(t), 2), x);
    const stacked = await valueAndGrad((t) => weighted(stackedSpectralOp('ratio', t, 'newton-schulz', {}), 2), x);
    expect(stacked.value).toBe(single.value);
    expect(stacked.grad).toEqual(single.grad);
  });

  it('a slice with NaN gets NaN value and gradient; the zero matrix gets 0; the others are untouched', async () => {
    await selectBackend('cpu');
    const values = stack(3, [5, 4], 4).dataSync().slice();
    values[20 + 7] = Number.NaN; // slice 1
    values.fill(0, 40, 60); // slice 2
    const x = tf.tensor(values, [3, 5, 4]);
    const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => tf.sum(stackedSpectralOp('ratio', t, 'gram', {})))(x);
    const perRun = stackedSpectralOp('ratio', x, 'gram', {}).dataSync();
    expect(Number.isNaN(perRun[1]!)).toBe(true);
    expect(perRun[2]).toBe(0);
    expect(perRun[0]).toBe(spectralOp('ratio', tf.slice(x, 0, 1), 'gram', {}).dataSync()[0]);
    const g = grad.dataSync();
    expect(g.subarray(20, 40).every(Number.isNaN)).toBe(true);
    expect(Array.from(g.subarray(40, 60))).toEqual(new Array(20).fill(0));
    expect(g.subarray(0, 20).every(Number.isFinite)).toBe(true);
    expect(Number.isNaN(value.dataSync()[0]!)).toBe(true);
  });

  it('refuses a tensor that is not a stack of matrices', () => {
    expect(() => stackedSpectralOp('ratio', tf.zeros([4, 4]), 'gram', {})).toThrow(/\[K, rows, cols/);
  });
});

describe('penalties: stackedValue sums over weights per run, as value does on each run', () => {
  for (const [name, plugin] of [
    ['depth-mirror', depthMirrorPenalty],
    ['nuclear', nuclearPenalty],
  ] as const) {
    it(`${name}: two stacked weights (and none: zeros)`, async () => {
      await selectBackend('cpu');
      const penalty = plugin.create({ method: 'auto' } as never, {} as never) as {
        value(w: { name: string; tensor: tf.Tensor }[]): tf.Scalar;
        stackedValue(w: { name: string; tensor: tf.Tensor }[], runs: number): tf.Tensor1D;
      };
      const a = stack(3, [6, 4], 5);
      const b = stack(3, [5, 5], 6);
      const stacked = penalty.stackedValue(
        [
          { name: 'a', tensor: a },
          { name: 'b', tensor: b },
        ],
        3,
      );
      const alone = [0, 1, 2].map(
        (k) =>
          penalty
            .value([
              { name: 'a', tensor: tf.squeeze(tf.slice(a, k, 1), [0]) },
              { name: 'b', tensor: tf.squeeze(tf.slice(b, k, 1), [0]) },
            ])
            .dataSync()[0],
      );
      expect(Array.from(stacked.dataSync())).toEqual(alone);
      expect(Array.from(penalty.stackedValue([], 3).dataSync())).toEqual([0, 0, 0]);
    });
  }
});
