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
