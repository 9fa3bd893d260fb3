import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { frobeniusNorm, tensorToMatrix, toDense } from '../../src/linalg/dense-matrix.js';
import { matrixShape, matrixView } from '../../src/linalg/matrix-shape.js';
import { gaussian } from '../support/test-matrices.js';

describe('frobeniusNorm', () => {
  it('neither overflows nor underflows', () => {
    const a = gaussian(5, 4, 22);
    const f = frobeniusNorm(a);
    expect(frobeniusNorm({ ...a, data: a.data.map((x) => x * 1e300) }) / 1e300).toBeCloseTo(f, 12);
    expect(frobeniusNorm({ ...a, data: a.data.map((x) => x * 1e-300) }) / 1e-300).toBeCloseTo(f, 12);
  });

  it('at the ends of the float64 range: entries near the largest double and subnormal ones', () => {
    expect(frobeniusNorm({ rows: 1, cols: 2, data: Float64Array.of(1.5e308, 0) })).toBe(1.5e308);
    expect(frobeniusNorm({ rows: 1, cols: 2, data: Float64Array.of(1e308, 1e308) })).toBeCloseTo(
      Math.SQRT2 * 1e308,
      -295,
    );
    expect(frobeniusNorm({ rows: 2, cols: 1, data: Float64Array.of(3e-310, 4e-310) })).toBeCloseTo(5e-310, 320);
    expect(frobeniusNorm({ rows: 1, cols: 3, data: Float64Array.of(3, 4, 12) })).toBe(13); // exact, as the closed form
  });
});

describe('matrixShape', () => {
  it('views kernels of rank >= 2 as [prod(all but last), last]', () => {
    expect(matrixShape([3, 3, 4, 8])).toEqual([36, 8]);
    expect(matrixShape([5, 7])).toEqual([5, 7]);
    expect(matrixShape([7])).toBeUndefined();
    expect(matrixShape([])).toBeUndefined();
  });
});

describe('matrixView and reading tensors', () => {
  it('views vectors as one row and scalars as 1x1; kernels as matrixShape does', () => {
    expect(matrixView([3, 3, 4, 8])).toEqual([36, 8]);
    expect(matrixView([7])).toEqual([1, 7]);
    expect(matrixView([])).toEqual([1, 1]);
  });

  it('toDense (sync) and tensorToMatrix (async) read the same float64 values', async () => {
    const t = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
    const sync = toDense(t);
    const async = await tensorToMatrix(t);
    expect([sync.rows, sync.cols]).toEqual([4, 2]);
    expect(async).toEqual(sync);
    expect([...sync.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await tensorToMatrix(tf.tensor1d([1, 2, 3]))).cols).toBe(3);
    t.dispose();
  });
});
