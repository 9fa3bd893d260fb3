import { describe, expect, it } from 'vitest';
import { frobeniusNorm } from './dense-matrix.js';
import { singularValues } from './jacobi-svd.js';
import { matrixShape } from './matrix-shape.js';
import { numericalRank, spectrumSummary } from './spectral.js';
import { gaussian, referenceSigma, withSpectrum } from './test-support/test-matrices.js';

describe('spectral measures: default rank tolerance and agreement with an SVD', () => {
  it('numericalRank: default float32 tolerance, absolute and relative thresholds', () => {
    const s = [1, 1e-3, 1e-6, 1e-9];
    expect(numericalRank(s)).toBe(3); // 4·1.19e-7 ≈ 4.8e-7 cuts between 1e-6 and 1e-9
    expect(numericalRank(s, { rtol: 1e-12 })).toBe(4);
    expect(numericalRank(s, { atol: 1e-4 })).toBe(2);
    expect(numericalRank(s, { maxDim: 1e4 })).toBe(1);
  });

  it('summary of an SVD agrees with ml-matrix and the Frobenius norm', () => {
    const a = withSpectrum(12, 8, [3, 1, 0.5], 21);
    const sigma = singularValues(a);
    const ref = referenceSigma(a);
    const summary = spectrumSummary(sigma, { maxDim: 12 });
    expect(summary.numericalRank).toBe(3);
    expect(summary.frobenius).toBeCloseTo(frobeniusNorm(a), 12);
    expect(summary.spectralNorm).toBeCloseTo(ref[0]!, 12);
    expect(summary.stableRank).toBeCloseTo(ref.reduce((acc, x) => acc + x * x, 0) / ref[0]! ** 2, 10);
  });

  it('Frobenius norm neither overflows nor underflows', () => {
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
