import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@rankbias/core';
import { gatherEntries } from '../../src/matrix-completion/model.js';

beforeAll(async () => {
  expect((await selectBackend('wasm')).name).toBe('wasm');
});

describe('gatherEntries on the wasm backend (what `rankbias train` picks by default)', () => {
  it('gradient scatters dy to the gathered entries, also when the index tensor is gone by backprop time', () => {
    const w = tf.variable(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]));
    const dy = [1, 10, 100];
    const { grads } = tf.variableGrads(() =>
      tf.tidy(() => {
        const idx = tf.cast(tf.tensor2d([0, 0, 2, 1, 0, 0], [3, 2], 'int32'), 'int32');
        return tf.sum(tf.mul(gatherEntries(w, idx), tf.tensor1d(dy))) as tf.Scalar;
      }),
    );
    expect(tf.getBackend()).toBe('wasm');
    expect(Array.from(grads[w.name]!.dataSync())).toEqual([101, 0, 0, 0, 0, 0, 0, 10, 0]);
  });
});
