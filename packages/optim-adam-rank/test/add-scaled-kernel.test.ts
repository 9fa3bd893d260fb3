/**
 * The fused parameter update (`x + s·u` in one kernel, where a chain ends in
 * a constant learning rate) against the composed Multiply + Add it replaces
 * (the kernel unregistered): the same parameters bit for bit over 40 steps of
 * GD, momentum SGD and Adam on cpu and on wasm, and one kernel fewer per
 * parameter and step.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ADD_SCALED, addScaled, registerAddScaledKernel, selectBackend } from '@rankbias/core';
import { afterEach, describe, expect, it } from 'vitest';
import { TransformOptimizer } from '../src/adapter/transform-optimizer.js';
import { adam, sgd } from '../src/transforms/aliases.js';
import { scaleByLearningRate } from '../src/transforms/scale-by-learning-rate.js';
import type { GradientTransformation } from '../src/transforms/types.js';

afterEach(() => registerAddScaledKernel());

let run = 0;

/** Forty steps of `transform` on two parameters with seeded gradients; final values and the last step's kernels. */
async function fortySteps(
  transform: () => GradientTransformation,
  shapes: { w: [number, number]; b: [number] } = { w: [6, 4], b: [4] },
): Promise<{ values: Float32Array[]; kernels: number }> {
  run++;
  const w = tf.variable(tf.randomNormal(shapes.w, 0, 1, 'float32', 3), true, `add-scaled-${run}/w`);
  const b = tf.variable(tf.randomNormal(shapes.b, 0, 1, 'float32', 4), true, `add-scaled-${run}/b`);
  const optimizer = new TransformOptimizer(transform());
  let kernels = 0;
  for (let step = 0; step < 40; step++) {
    const grads = {
      [w.name]: tf.randomNormal(shapes.w, 0, 1 + step, 'float32', 10 + step),
      [b.name]: tf.randomNormal(shapes.b, 0, 1e-3, 'float32', 20 + step),
    };
    const info = await tf.profile(() => optimizer.applyGradients(grads));
    kernels = info.kernels.length;
    tf.dispose(Object.values(grads));
  }
  const values = [w.dataSync() as Float32Array, b.dataSync() as Float32Array].map((v) => Float32Array.from(v));
  optimizer.dispose();
  tf.dispose([w, b]);
  return { values, kernels };
}

const TRANSFORMS: Array<[string, () => GradientTransformation]> = [
  ['gd', () => sgd(0.37)],
  ['sgd with momentum and weight decay', () => sgd(0.05, { momentum: 0.9, weightDecay: 1e-3 })],
  ['adam', () => adam(3e-3)],
];

describe('the fused parameter update (a chain ending in a constant learning rate)', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const [name, transform] of TRANSFORMS) {
      it(`${name} on ${backend}: the composed ops' parameters bit for bit, one kernel fewer per parameter`, async () => {
        await selectBackend(backend);
        const fused = await fortySteps(transform);
        tf.unregisterKernel(ADD_SCALED, backend);
        const composed = await fortySteps(transform);
        fused.values.forEach((v, i) =>
          expect(Array.from(v), `parameter ${i}`).toEqual(Array.from(composed.values[i]!)),
        );
        expect(fused.kernels).toBe(composed.kernels - 2);
      });
    }
  }

  for (const [name, transform] of TRANSFORMS) {
    it(`${name} on wasm at 9,999 and 4,097 elements (SIMD lanes and a JS tail): the composed ops' numbers`, async () => {
      await selectBackend('wasm');
      const shapes = { w: [101, 99] as [number, number], b: [4097] as [number] };
      const fused = await fortySteps(transform, shapes);
      tf.unregisterKernel(ADD_SCALED, 'wasm');
      const composed = await fortySteps(transform, shapes);
      fused.values.forEach((v, i) => expect(Array.from(v), `parameter ${i}`).toEqual(Array.from(composed.values[i]!)));
      // Fused at every size: the SIMD loops beat the composed kernels there too.
      expect(fused.kernels).toBe(composed.kernels - 2);
    });
  }

  it('only a constant rate is fused: a schedule (even a constant one) computes its rate as a tensor', () => {
    expect(scaleByLearningRate({ type: 'constant', value: 0.1 }).constantScale).toBeUndefined();
    expect(scaleByLearningRate(0.25).constantScale).toBe(-0.25);
  });

  it('addScaled: x + s·u, and the composed route for shapes that differ', async () => {
    await selectBackend('wasm');
    const x = tf.tensor1d([1, 2, 3]);
    const u = tf.tensor1d([0.5, -4, 1e-3]);
    expect(Array.from(addScaled(x, u, -2).dataSync())).toEqual(Array.from(Float32Array.of(1 - 1, 2 + 8, 3 - 2e-3)));
    expect(Array.from(addScaled(tf.ones([2, 2]), tf.scalar(3), 0.5).dataSync())).toEqual([2.5, 2.5, 2.5, 2.5]);
  });
});
