import { describe, expect, it } from 'vitest';
import {
  depthMirrorGradient,
  depthMirrorRatio,
  frobeniusNorm,
  nuclearNorm,
  polarDecomposition,
  singularValues,
  type DenseMatrix,
  type JsSpectralMethod,
} from '../src/index.js';
import {
  finiteDifferenceGradient,
  gaussian,
  maxAbsDiff,
  norm,
  referencePolar,
  referenceRatio,
  referenceSigma,
  rng,
  withSpectrum,
} from './reference.js';

const METHODS: JsSpectralMethod[] = ['jacobi', 'gram'];
const logSpaced = (from: number, to: number, n: number) =>
  Array.from({ length: n }, (_, i) => from * (to / from) ** (i / (n - 1)));

const cases: [string, () => DenseMatrix][] = [
  ['random tall 23x9', () => gaussian(23, 9, rng(1))],
  ['random wide 7x19', () => gaussian(7, 19, rng(2))],
  ['random square 16x16', () => gaussian(16, 16, rng(3))],
  ['rank 3 of 20x12', () => withSpectrum(20, 12, [5, 2, 0.5], rng(4))],
  ['rank 2 of wide 6x15', () => withSpectrum(6, 15, [1, 1e-2], rng(5))],
  ['badly scaled 1e-6..1e3, 18x10', () => withSpectrum(18, 10, logSpaced(1e3, 1e-6, 10), rng(6))],
  ['tiny entries (1e-30)', () => gaussian(9, 6, rng(7), 1e-30)],
  ['huge entries (1e+30)', () => gaussian(6, 9, rng(8), 1e30)],
];

describe('singular values against ml-matrix SVD', () => {
  for (const method of METHODS) {
    for (const [label, make] of cases) {
      it(`${method}: ${label}`, () => {
        const a = make();
        const ours = singularValues(a, { method });
        const ref = referenceSigma(a);
        expect(ours.length).toBe(Math.min(a.rows, a.cols));
        const max = ref[0]!;
        // Jacobi resolves every σ to ~eps·σmax; the Gram route squares the condition number (~sqrt(eps)·σmax).
        const tol = method === 'jacobi' ? 1e-12 : 2e-7;
        for (let i = 0; i < ref.length; i++) expect(Math.abs(ours[i]! - ref[i]!)).toBeLessThanOrEqual(tol * max);
        // Nuclear norm: Jacobi to float64 precision; Gram to ~sqrt(k eps), below float32 input precision.
        const nuc = ref.reduce((s, x) => s + x, 0);
        const relTol = method === 'jacobi' ? 1e-12 : 1e-7;
        expect(Math.abs(nuclearNorm(a, { method }) - nuc) / nuc).toBeLessThan(relTol);
      });
    }
  }

  it('jacobi keeps high relative accuracy for tiny singular values of a well-built matrix', () => {
    const sigma = logSpaced(1, 1e-6, 8);
    const a = withSpectrum(16, 8, sigma, rng(9));
    const ours = singularValues(a, { method: 'jacobi' });
    // The construction itself rounds entries at ~1e-16 absolute, which bounds what can be checked.
    sigma.forEach((s, i) => expect(Math.abs(ours[i]! - s) / s).toBeLessThan(1e-8));
  });

  it('auto (Gram above 64) matches ml-matrix on a 100x80 matrix', () => {
    const a = gaussian(100, 80, rng(19));
    const ours = singularValues(a);
    const ref = referenceSigma(a);
    for (let i = 0; i < ref.length; i++) expect(Math.abs(ours[i]! - ref[i]!)).toBeLessThan(1e-9 * ref[0]!);
  });

  it('accepts nested rows and matches a diagonal matrix exactly', () => {
    expect([
      ...singularValues([
        [3, 0],
        [0, -4],
      ]),
    ]).toEqual([4, 3]);
    expect(
      depthMirrorRatio([
        [3, 0],
        [0, 4],
      ]),
    ).toBeCloseTo(7 / 5, 14);
  });
});

describe('U Vᵀ (polar factor) against ml-matrix', () => {
  for (const method of METHODS) {
    for (const [label, make] of cases.slice(0, 5)) {
      it(`${method}: ${label}`, () => {
        const a = make();
        const tol = 1e-10;
        const d = polarDecomposition(a, { method, rankTolerance: tol });
        const ref = referencePolar(a, tol);
        expect(maxAbsDiff(d.polar, ref)).toBeLessThan(1e-9);
        expect(d.rank).toBe(referenceSigma(a).filter((s, _i, all) => s > tol * all[0]!).length);
      });
    }
  }
});

describe('depth-mirror ratio R(A) = ||A||_* / ||A||_F', () => {
  it('matches ml-matrix and lies in [1, sqrt(rank)]', () => {
    for (const [, make] of cases) {
      const a = make();
      const r = depthMirrorRatio(a);
      expect(Math.abs(r - referenceRatio(a)) / r).toBeLessThan(1e-10);
      expect(r).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(r).toBeLessThanOrEqual(Math.sqrt(Math.min(a.rows, a.cols)) + 1e-12);
    }
  });

  it('is scale invariant: R(cW) = R(W)', () => {
    const a = gaussian(12, 8, rng(10));
    const r = depthMirrorRatio(a);
    for (const c of [1e-8, 1e-3, 7, -2.5, 1e6]) {
      expect(depthMirrorRatio({ ...a, data: a.data.map((x) => c * x) })).toBeCloseTo(r, 12);
    }
  });

  it('is 0 with a zero gradient (no NaN) for the zero matrix', () => {
    const zero: DenseMatrix = { rows: 4, cols: 3, data: new Float64Array(12) };
    expect(depthMirrorRatio(zero)).toBe(0);
    expect(nuclearNorm(zero)).toBe(0);
    expect(frobeniusNorm(zero)).toBe(0);
    const g = depthMirrorGradient(zero);
    expect([...g.data].every((x) => x === 0)).toBe(true);
  });

  it('rejects non-finite entries with a clear error', () => {
    const a = gaussian(3, 3, rng(11));
    a.data[4] = Number.NaN;
    expect(() => depthMirrorRatio(a)).toThrow(/non-finite/);
  });
});

describe('exact gradient of R', () => {
  const fdCases: [string, () => DenseMatrix][] = [
    ['random tall 9x5', () => gaussian(9, 5, rng(12))],
    ['random wide 4x7', () => gaussian(4, 7, rng(13))],
    ['ill-conditioned full rank (σ 1..1e-3)', () => withSpectrum(8, 6, logSpaced(1, 1e-3, 6), rng(14))],
  ];
  for (const method of METHODS) {
    for (const [label, make] of fdCases) {
      it(`${method}: matches central finite differences (ml-matrix values) on ${label}`, () => {
        const a = make();
        const g = depthMirrorGradient(a, { method }).data;
        const fd = finiteDifferenceGradient(referenceRatio, a, 1e-6);
        expect(maxAbsDiff(g, fd) / norm(fd)).toBeLessThan(1e-6);
      });
    }
  }

  it('is orthogonal to A (the penalty never changes the scale)', () => {
    for (const a of [gaussian(10, 6, rng(15)), withSpectrum(10, 7, [3, 1, 1e-2], rng(16))]) {
      const g = depthMirrorGradient(a).data;
      let dot = 0;
      for (let i = 0; i < g.length; i++) dot += g[i]! * a.data[i]!;
      expect(Math.abs(dot) / (norm(g) * norm(a.data))).toBeLessThan(1e-12);
    }
  });

  it('at a rank-deficient matrix is U Vᵀ/F − (N/F³)A over the non-zero singular values', () => {
    const a = withSpectrum(9, 6, [2, 1], rng(17));
    const f = frobeniusNorm(a);
    const n = referenceSigma(a).reduce((s, x) => s + x, 0);
    const uv = referencePolar(a, 1e-10);
    const expected = uv.map((x, i) => x / f - (n / f ** 3) * a.data[i]!);
    expect(maxAbsDiff(depthMirrorGradient(a).data, expected)).toBeLessThan(1e-10);
  });
});
