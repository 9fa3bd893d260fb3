import { describe, expect, it } from 'vitest';
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { createRng } from '../../src/rng/rng.js';
import { denseMatrix, frobeniusNorm } from '../../src/linalg/dense-matrix.js';
import { singularValues } from '../../src/linalg/singular-values.js';
import {
  effectiveRank,
  nuclearFrobeniusRatio,
  numericalRank,
  spectralEntropy,
  spectrumSummary,
  stableRank,
} from '../../src/linalg/spectral.js';
import { referenceSigma, withSpectrum } from '../support/test-matrices.js';

describe('spectral measures', () => {
  it('equal singular values: H = log k, erank = k, stable rank = k, R = sqrt(k)', () => {
    const s = [2, 2, 2, 2, 2];
    expect(spectralEntropy(s)).toBeCloseTo(Math.log(5), 12);
    expect(effectiveRank(s)).toBeCloseTo(5, 12);
    expect(stableRank(s)).toBeCloseTo(5, 12);
    expect(nuclearFrobeniusRatio(s)).toBeCloseTo(Math.sqrt(5), 12);
  });

  it('rank one: H = 0, every rank measure = 1, zeros ignored', () => {
    const s = [7, 0, 0];
    expect(spectralEntropy(s)).toBe(0);
    expect(effectiveRank(s)).toBe(1);
    expect(stableRank(s)).toBe(1);
    expect(nuclearFrobeniusRatio(s)).toBe(1);
    expect(numericalRank(s)).toBe(1);
  });

  it('matches the formulas on an uneven spectrum', () => {
    const s = [3, 2, 1];
    const p = [0.5, 1 / 3, 1 / 6];
    const h = -p.reduce((a, q) => a + q * Math.log(q), 0);
    expect(spectralEntropy(s)).toBeCloseTo(h, 14);
    expect(effectiveRank(s)).toBeCloseTo(Math.exp(h), 14);
    expect(stableRank(s)).toBeCloseTo(14 / 9, 14);
    expect(nuclearFrobeniusRatio(s)).toBeCloseTo(6 / Math.sqrt(14), 14);
  });

  it('zero matrix: entropy 0 and rank measures 0', () => {
    expect(spectrumSummary([0, 0])).toMatchObject({
      entropy: 0,
      effectiveRank: 0,
      stableRank: 0,
      nuclearFrobenius: 0,
      numericalRank: 0,
    });
  });

  it('numerical rank of a constructed rank-3 product, agreeing with ml-matrix rank', () => {
    const rng = createRng(4);
    const u = Array.from({ length: 10 * 3 }, () => rng.normal());
    const v = Array.from({ length: 3 * 8 }, () => rng.normal());
    const a = new Float64Array(80);
    for (let i = 0; i < 10; i++)
      for (let j = 0; j < 8; j++) for (let k = 0; k < 3; k++) a[i * 8 + j]! += u[i * 3 + k]! * v[k * 8 + j]!;
    const s = singularValues(denseMatrix(10, 8, a));
    expect(numericalRank(s, { maxDim: 10 })).toBe(3);
    const rows = Array.from({ length: 10 }, (_, i) => Array.from(a.subarray(i * 8, i * 8 + 8)));
    expect(new SingularValueDecomposition(new MlMatrix(rows)).rank).toBe(3);
    expect(effectiveRank(s)).toBeGreaterThan(1);
    expect(effectiveRank(s)).toBeLessThanOrEqual(3 + 1e-12);
    expect(nuclearFrobeniusRatio(s)).toBeLessThanOrEqual(Math.sqrt(3) + 1e-12);
  });

  it('tolerances: atol and rtol', () => {
    const s = [1, 0.1, 0.01, 0.001];
    expect(numericalRank(s, { rtol: 0.05 })).toBe(2);
    expect(numericalRank(s, { atol: 0.005 })).toBe(3);
    expect(numericalRank(s, { atol: 0.005, rtol: 0.5 })).toBe(1);
  });

  it('is scale invariant (R(cA) = R(A), erank(cA) = erank(A))', () => {
    const s = [5, 1, 0.2];
    const c = s.map((x) => 1000 * x);
    expect(nuclearFrobeniusRatio(c)).toBeCloseTo(nuclearFrobeniusRatio(s), 12);
    expect(effectiveRank(c)).toBeCloseTo(effectiveRank(s), 12);
  });

  it('rejects negative or non-finite singular values', () => {
    expect(() => effectiveRank([1, -1])).toThrow(/>= 0/);
    expect(() => stableRank([NaN])).toThrow();
  });

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
});
