import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@rankbias/core';
import { afterAll, describe, expect, it } from 'vitest';
import { depthMirrorOp, nuclearNormOp } from '../src/index.js';
import { gaussian, maxAbsDiff, rng } from './reference.js';

afterAll(async () => {
  await selectBackend('cpu');
});

describe.each(['cpu', 'wasm'] as const)('the spectral ops on %s', (backend) => {
  it.each(['jacobi', 'gram'] as const)(
    'scale their gradient by the upstream dy as tfjs Mul does, bit for bit, writing it in place (%s)',
    async (method) => {
      await selectBackend(backend);
      const x = tf.tensor2d(Float32Array.from(gaussian(9, 6, rng(41)).data), [9, 6]);
      for (const op of [depthMirrorOp, nuclearNormOp]) {
        const g = tf.grad((w: tf.Tensor) => op(w, method))(x);
        const scaled = tf.grad((w: tf.Tensor) => tf.mul(0.3, op(w, method)))(x);
        const viaMul = tf.mul(tf.scalar(0.3), g);
        expect([...scaled.dataSync()]).toEqual([...viaMul.dataSync()]);
        expect(maxAbsDiff(scaled.dataSync(), g.dataSync())).toBeGreaterThan(0);
        // The gradient buffer is reused step to step: a second pass gives the same numbers.
        const again = tf.grad((w: tf.Tensor) => op(w, method))(x);
        expect([...again.dataSync()]).toEqual([...g.dataSync()]);
        tf.dispose([g, scaled, viaMul, again]);
      }
      x.dispose();
    },
  );
});
