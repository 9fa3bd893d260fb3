import { describe, expect, it } from 'vitest';
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { createRng } from '@rankbias/core';
import { matrix, multiply, transpose, type Matrix } from './matrix.js';
import { singularValues } from './svd.js';

function random(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return matrix(rows, cols, Array.from({ length: rows * cols }, () => rng.normal()));
}

function mlSingularValues(a: Matrix): number[] {
  const rows = Array.from({ length: a.rows }, (_, i) => Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return new SingularValueDecomposition(new MlMatrix(rows), { autoTranspose: true }).diagonal;
}

/** Q from Gram-Schmidt of a random matrix: orthonormal columns. */
function orthonormal(rows: number, cols: number, seed: number): Matrix {
  const a = random(rows, cols, seed);
  const q = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const v = Array.from({ length: rows }, (_, i) => a.data[i * cols + j]!);
    for (let k = 0; k < j; k++) {
      let d = 0;
      for (let i = 0; i < rows; i++) d += v[i]! * q[i * cols + k]!;
      for (let i = 0; i < rows; i++) v[i]! -= d * q[i * cols + k]!;
    }
    const n = Math.hypot(...v);
    for (let i = 0; i < rows; i++) q[i * cols + j] = v[i]! / n;
  }
  return { rows, cols, data: q };
}

/** U diag(s) Vᵀ with orthonormal U, V: a matrix with exactly the spectrum s. */
function withSpectrum(rows: number, cols: number, s: number[], seed: number): Matrix {
  const k = s.length;
  const u = orthonormal(rows, k, seed);
  const v = orthonormal(cols, k, seed + 1);
  const us = { ...u, data: u.data.map((x, idx) => x * s[idx % k]!) };
  return multiply(us, transpose(v));
}

describe('singularValues (one-sided Jacobi)', () => {
  it.each([
    [7, 5],
    [5, 7],
    [12, 12],
    [1, 6],
    [30, 9],
  ])('matches ml-matrix on a random %ix%i matrix', (r, c) => {
    const a = random(r, c, r * 31 + c);
    const ours = Array.from(singularValues(a));
    const ref = mlSingularValues(a).sort((x, y) => y - x);
    expect(ours).toHaveLength(Math.min(r, c));
    ours.forEach((s, i) => expect(s).toBeCloseTo(ref[i]!, 10));
  });

  it('recovers a constructed spectrum, including exact zeros (rank-deficient)', () => {
    const s = [10, 3, 1, 0.5];
    const a = withSpectrum(20, 8, s, 3);
    const got = singularValues(a);
    s.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 10));
    for (let i = s.length; i < 8; i++) expect(got[i]!).toBeLessThan(1e-12);
  });

  it('keeps relative accuracy on an ill-conditioned matrix (condition 1e12)', () => {
    const s = [1, 1e-3, 1e-6, 1e-9, 1e-12];
    const got = singularValues(withSpectrum(9, 5, s, 11));
    s.forEach((v, i) => expect(Math.abs(got[i]! - v) / v).toBeLessThan(1e-3));
  });

  it('is invariant to transposition and scales linearly', () => {
    const a = random(6, 4, 5);
    const t = singularValues(transpose(a));
    const s = singularValues(a);
    const scaled = singularValues({ ...a, data: a.data.map((x) => -3 * x) });
    s.forEach((v, i) => {
      expect(t[i]).toBeCloseTo(v, 12);
      expect(scaled[i]).toBeCloseTo(3 * v, 11);
    });
  });

  it('handles zero, empty and tiny-scale matrices and rejects non-finite entries', () => {
    expect(Array.from(singularValues(matrix(3, 2, [0, 0, 0, 0, 0, 0])))).toEqual([0, 0]);
    expect(singularValues(matrix(0, 3, [])).length).toBe(0);
    const tiny = singularValues({ ...random(4, 4, 2), data: random(4, 4, 2).data.map((x) => x * 1e-200) });
    const ref = singularValues(random(4, 4, 2));
    tiny.forEach((v, i) => expect(v / 1e-200).toBeCloseTo(ref[i]!, 10));
    expect(() => singularValues(matrix(1, 2, [1, NaN]))).toThrow(/non-finite/);
  });
});
