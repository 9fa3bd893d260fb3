import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sameOnWasmAndCpu, setUpBackends, valuesOn } from './support/backends.js';
import { randomValues, seededRandom } from './support/random.js';

beforeAll(setUpBackends);

describe('MaxPoolGrad on wasm matches the cpu backend', () => {
  const random = seededRandom(12);
  const cases = [
    { filter: 2, stride: 2, pad: 'valid' as const },
    { filter: 3, stride: 2, pad: 'same' as const },
    { filter: 3, stride: 1, pad: 'same' as const },
    { filter: [2, 3] as [number, number], stride: [1, 2] as [number, number], pad: 'valid' as const },
  ];
  for (const { filter, stride, pad } of cases) {
    it(`filter ${filter}, stride ${stride}, padding ${pad}, with ReLU ties`, () => {
      const shape: [number, number, number, number] = [2, 9, 8, 3];
      const x = randomValues(shape, random);
      sameOnWasmAndCpu(
        () =>
          tf.grad((t: tf.Tensor) => {
            const pooled = tf.maxPool(tf.relu(t) as tf.Tensor4D, filter, stride, pad);
            return tf.sum(tf.mul(pooled, tf.reshape(tf.range(0, pooled.size), pooled.shape)));
          })(tf.tensor4d(x, shape)),
        1e-6,
      );
    });
  }

  it("sends a tied window's gradient to its first maximum only", () => {
    const [dx] = valuesOn('wasm', () =>
      tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid')))(tf.zeros([1, 2, 2, 1])),
    );
    expect(Array.from(dx!)).toEqual([1, 0, 0, 0]);
  });
});
