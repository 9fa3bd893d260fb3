import { describe, expect, it } from 'vitest';
import { frobeniusNorm } from './dense-matrix.js';
import { matrixShape } from './matrix-shape.js';
import { gaussian } from './test-support/test-matrices.js';

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
