import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sameOnWasmAndCpu, setUpBackends, valuesOn } from './support/backends.js';
import { randomValues, seededRandom } from './support/random.js';

beforeAll(setUpBackends);

describe('UnsortedSegmentSum on wasm', () => {
  it('sums rows per segment like the cpu backend', () => {
    const random = seededRandom(4);
    const x = randomValues([9, 3, 2], random);
    const ids = [2, 0, 2, 4, 1, 0, 0, 3, 2];
    sameOnWasmAndCpu(() => tf.unsortedSegmentSum(tf.tensor3d(x, [9, 3, 2]), tf.tensor1d(ids, 'int32'), 6));
  });

  it('drops ids outside [0, numSegments) and leaves empty segments at zero', () => {
    const [out] = valuesOn('wasm', () =>
      tf.unsortedSegmentSum(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]), tf.tensor1d([1, -1, 1, 7], 'int32'), 3),
    );
    expect(Array.from(out!)).toEqual([0, 0, 1 + 5, 2 + 6, 0, 0]);
  });

  it('sums int32 values', () => {
    const [out] = valuesOn('wasm', () =>
      tf.unsortedSegmentSum(tf.tensor1d([5, 6, 7], 'int32'), tf.tensor1d([0, 0, 1], 'int32'), 2),
    );
    expect(Array.from(out!)).toEqual([11, 7]);
  });

  it('makes gather (embedding lookup) differentiable, with the cpu gradient', () => {
    const random = seededRandom(6);
    const table = randomValues([10, 4], random);
    const upstream = randomValues([7, 4], random);
    sameOnWasmAndCpu(() =>
      tf.grad((t: tf.Tensor) =>
        tf.sum(tf.mul(tf.gather(t, tf.tensor1d([3, 3, 0, 9, 3, 1, 0], 'int32')), tf.tensor2d(upstream, [7, 4]))),
      )(tf.tensor2d(table, [10, 4])),
    );
  });
});
