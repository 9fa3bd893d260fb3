import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_BY_COLUMN, leadingAxes, sumLeadingRows } from '../src/kernels/sum.js';
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

describe('sumLeadingRows', () => {
  // Both loops against a plain float64 sum per column, rounded once: on each side of the switch between them.
  for (const [rows, width] of [
    [50, 300],
    [COLUMN_BY_COLUMN / 16 + 1, 16],
  ] as const) {
    it(`${rows} x ${width} (${rows * width <= COLUMN_BY_COLUMN ? 'column by column' : 'row by row'})`, () => {
      const random = seededRandom(rows);
      const values = Float32Array.from({ length: rows * width }, () => (random() - 0.5) * 2 ** (20 * random()));
      const target = new Float32Array(width);
      sumLeadingRows(values, target, rows, width);
      const expected = Float32Array.from({ length: width }, (_, c) => {
        let s = 0;
        for (let r = 0; r < rows; r++) s += values[r * width + c]!;
        return s;
      });
      expect(Array.from(target)).toEqual(Array.from(expected));
    });
  }
});
