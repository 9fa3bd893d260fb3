import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { leadingAxes } from '../src/kernels/sum.js';
import { sameOnWasmAndCpu, setUpBackends } from './support/backends.js';
import { randomValues, seededRandom } from './support/random.js';

beforeAll(setUpBackends);

describe('Sum on wasm matches the cpu backend', () => {
  const random = seededRandom(21);
  const shape = [5, 4, 3, 6];
  const x = randomValues(shape, random);
  for (const axis of [[0], [0, 1], [0, 1, 2], [1, 0], [1], [3], [0, 2], [0, 1, 2, 3], -1]) {
    for (const keepDims of [false, true]) {
      it(`axis ${JSON.stringify(axis)}, keepDims ${keepDims}`, () => {
        sameOnWasmAndCpu(() => tf.sum(tf.tensor(x, shape), axis, keepDims), 1e-6);
      });
    }
  }
  it('int32 sums still go to the backend kernel', () => {
    sameOnWasmAndCpu(() => tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), 0));
  });
});

describe('leadingAxes', () => {
  it('recognises prefixes only', () => {
    expect(leadingAxes([1, 0], 3)).toEqual([0, 1]);
    expect(leadingAxes([0, 2], 3)).toBeNull();
    expect(leadingAxes([0, 1, 2], 3)).toBeNull();
    expect(leadingAxes(-3, 3)).toEqual([0]);
  });
});
