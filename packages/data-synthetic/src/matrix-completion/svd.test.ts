import { Matrix, SVD } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRng } from '@rankbias/core';
import { jacobiSvd, singularValues } from './svd.js';

function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

/** A = Q1 diag(sigmas) Q2ᵀ with random orthonormal Q's (from ml-matrix QR). */
function withSpectrum(rows: number, cols: number, sigmas: number[], seed: number): Float64Array {
  const q1 = new SVD(new Matrix(Array.from({ length: rows }, (_, i) => Array.from(randomMatrix(1, rows, seed * 31 + i))))).leftSingularVectors;
  const q2 = new SVD(new Matrix(Array.from({ length: cols }, (_, i) => Array.from(randomMatrix(1, cols, seed * 17 + i))))).leftSingularVectors;
  const d = Matrix.zeros(rows, cols);
  sigmas.forEach((s, i) => d.set(i, i, s));
  return Float64Array.from(q1.mmul(d).mmul(q2.transpose()).to1DArray());
}

function reference(a: Float64Array, rows: number, cols: number): number[] {
  const m = new Matrix(Array.from({ length: rows }, (_, i) => Array.from(a.slice(i * cols, (i + 1) * cols))));
  return new SVD(m, { autoTranspose: true }).diagonal.slice(0, Math.min(rows, cols));
}

function expectReconstruction(a: Float64Array, rows: number, cols: number, tol: number) {
  const { u, s, v, k } = jacobiSvd(a, rows, cols);
  let scale = 0;
  for (const x of a) scale = Math.max(scale, Math.abs(x));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let acc = 0;
      for (let r = 0; r < k; r++) acc += u[i * k + r]! * s[r]! * v[j * k + r]!;
      expect(Math.abs(acc - a[i * cols + j]!)).toBeLessThan(tol * scale);
    }
  }
  // V has orthonormal columns
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) {
      let dot = 0;
      for (let i = 0; i < cols; i++) dot += v[i * k + p]! * v[i * k + q]!;
      expect(dot).toBeCloseTo(p === q ? 1 : 0, 9);
    }
  }
}

describe('jacobiSvd against ml-matrix', () => {
  it('random tall, wide and square matrices', () => {
    for (const [rows, cols, seed] of [
      [12, 7, 1],
      [7, 12, 2],
      [20, 20, 3],
    ] as const) {
      const a = randomMatrix(rows, cols, seed);
      const got = Array.from(singularValues(a, rows, cols));
      const want = reference(a, rows, cols);
      got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 10));
      expectReconstruction(a, rows, cols, 1e-12);
    }
  });

  it('rank-deficient: trailing singular values are zero to working precision', () => {
    const sigmas = [5, 3, 1];
    const a = withSpectrum(15, 10, sigmas, 4);
    const got = singularValues(a, 15, 10);
    sigmas.forEach((s, i) => expect(got[i]).toBeCloseTo(s, 10));
    for (let i = 3; i < 10; i++) expect(got[i]!).toBeLessThan(1e-12);
    expectReconstruction(a, 15, 10, 1e-12);
  });

  it('ill-conditioned (σ from 1 down to 1e-9) keeps small singular values accurate', () => {
    const sigmas = Array.from({ length: 10 }, (_, i) => 10 ** -i);
    const a = withSpectrum(10, 10, sigmas, 5);
    const got = singularValues(a, 10, 10);
    sigmas.forEach((s, i) => expect(Math.abs(got[i]! - s)).toBeLessThan(1e-13));
  });

  it('rejects a value count that does not match the shape', () => {
    expect(() => jacobiSvd([1, 2, 3], 2, 2)).toThrow(/expected 2×2 = 4 values, got 3/);
  });
});
