import { describe, expect, it } from 'vitest';
import { denseMatrix, fromRows, transpose, type DenseMatrix } from '../../src/linalg/dense-matrix.js';
import { jacobiSvd } from '../../src/linalg/jacobi-svd.js';
import { singularValues } from '../../src/linalg/singular-values.js';
import { gaussian, logSpaced, referenceSigma, withSpectrum } from '../support/test-matrices.js';

const cases: [string, () => DenseMatrix][] = [
  ['random tall 23x9', () => gaussian(23, 9, 1)],
  ['random wide 7x19', () => gaussian(7, 19, 2)],
  ['random square 16x16', () => gaussian(16, 16, 3)],
  ['single row 1x6', () => gaussian(1, 6, 4)],
  ['rank 3 of 20x12', () => withSpectrum(20, 12, [5, 2, 0.5], 5)],
  ['rank 2 of wide 6x15', () => withSpectrum(6, 15, [1, 1e-2], 6)],
  ['ill-conditioned σ 1e3..1e-6, 18x10', () => withSpectrum(18, 10, logSpaced(1e3, 1e-6, 10), 7)],
  ['tiny entries (1e-200)', () => gaussian(9, 6, 8, 1e-200)],
  ['huge entries (1e+200)', () => gaussian(6, 9, 9, 1e200)],
];

/** max |A − U diag(σ) Vᵀ| and the worst deviation of UᵀU, VᵀV from the identity (over non-zero σ for U). */
function factorErrors(a: DenseMatrix): { reconstruction: number; uOrth: number; vOrth: number } {
  const { u, v, sigma, k } = jacobiSvd(a);
  let reconstruction = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      let acc = 0;
      for (let r = 0; r < k; r++) acc += u[i * k + r]! * sigma[r]! * v[j * k + r]!;
      reconstruction = Math.max(reconstruction, Math.abs(acc - a.data[i * a.cols + j]!));
    }
  }
  const gramError = (x: Float64Array, len: number, use: (r: number) => boolean) => {
    let worst = 0;
    for (let p = 0; p < k; p++) {
      for (let q = 0; q < k; q++) {
        if (!use(p) || !use(q)) continue;
        let dot = 0;
        for (let i = 0; i < len; i++) dot += x[i * k + p]! * x[i * k + q]!;
        worst = Math.max(worst, Math.abs(dot - (p === q ? 1 : 0)));
      }
    }
    return worst;
  };
  return {
    reconstruction,
    uOrth: gramError(u, a.rows, (r) => sigma[r]! > 1e-10 * sigma[0]!),
    vOrth: gramError(v, a.cols, () => true),
  };
}

describe('jacobiSvd against ml-matrix', () => {
  for (const [label, make] of cases) {
    it(`singular values: ${label}`, () => {
      const a = make();
      const ours = singularValues(a);
      const ref = referenceSigma(a);
      expect(ours).toHaveLength(Math.min(a.rows, a.cols));
      for (let i = 0; i < ref.length; i++) expect(Math.abs(ours[i]! - ref[i]!)).toBeLessThanOrEqual(1e-12 * ref[0]!);
      for (let i = 1; i < ours.length; i++) expect(ours[i]!).toBeLessThanOrEqual(ours[i - 1]!);
      expect([...jacobiSvd(a).sigma]).toEqual([...ours]);
    });

    it(`factors reconstruct A with orthonormal U and V: ${label}`, () => {
      const a = make();
      const e = factorErrors(a);
      const scale = referenceSigma(a)[0]!;
      expect(e.reconstruction).toBeLessThan(1e-12 * scale);
      expect(e.uOrth).toBeLessThan(1e-10);
      expect(e.vOrth).toBeLessThan(1e-12);
    });
  }

  it('rank-deficient: trailing singular values vanish to working precision', () => {
    const got = singularValues(withSpectrum(15, 10, [5, 3, 1], 11));
    [5, 3, 1].forEach((s, i) => expect(Math.abs(got[i]! - s)).toBeLessThan(1e-13));
    for (let i = 3; i < 10; i++) expect(got[i]!).toBeLessThan(1e-13);
  });

  it('keeps high relative accuracy for tiny singular values (σ 1 .. 1e-12)', () => {
    const sigma = [1, 1e-3, 1e-6, 1e-9, 1e-12];
    const got = singularValues(withSpectrum(9, 5, sigma, 12));
    // The construction itself rounds entries at ~1e-16 absolute, which bounds what can be checked.
    sigma.forEach((s, i) => expect(Math.abs(got[i]! - s)).toBeLessThan(1e-14 + 1e-10 * s));
    const wide = singularValues(withSpectrum(8, 16, logSpaced(1, 1e-6, 8), 13));
    logSpaced(1, 1e-6, 8).forEach((s, i) => expect(Math.abs(wide[i]! - s) / s).toBeLessThan(1e-8));
  });

  it('closed forms: diagonal, nested rows, transposition and scaling', () => {
    expect([
      ...singularValues([
        [3, 0],
        [0, -4],
      ]),
    ]).toEqual([4, 3]);
    expect([
      ...jacobiSvd(
        fromRows([
          [0, 2, 0],
          [1, 0, 0],
        ]),
      ).sigma,
    ]).toEqual([2, 1]);
    const a = gaussian(6, 4, 14);
    const s = singularValues(a);
    const t = singularValues(transpose(a));
    const scaled = singularValues({ ...a, data: a.data.map((x) => -3 * x) });
    s.forEach((x, i) => {
      expect(Math.abs(t[i]! - x)).toBeLessThan(1e-14 * s[0]!);
      expect(Math.abs(scaled[i]! - 3 * x)).toBeLessThan(1e-13 * s[0]!);
    });
  });

  it('zero and empty matrices give zero singular values; V stays orthonormal', () => {
    const zero = jacobiSvd(denseMatrix(3, 2, new Float64Array(6)));
    expect([...zero.sigma]).toEqual([0, 0]);
    expect([...zero.u].every((x) => x === 0)).toBe(true);
    expect([...zero.v]).toEqual([1, 0, 0, 1]);
    expect(singularValues(denseMatrix(0, 3, []))).toHaveLength(0);
    expect(singularValues(denseMatrix(4, 0, []))).toHaveLength(0);
  });

  it('rejects non-finite entries and ragged rows with a clear error', () => {
    expect(() => singularValues(denseMatrix(1, 2, [1, Number.NaN]))).toThrow(/non-finite entry \(NaN\) at index 1/);
    expect(() => jacobiSvd([[1, Infinity]])).toThrow(/non-finite/);
    expect(() => singularValues([[1, 2], [3]])).toThrow(/row 1 has 1 entries, row 0 has 2/);
    expect(() => denseMatrix(2, 2, [1, 2, 3])).toThrow(/2x2 needs 4 values, got 3/);
  });
});
