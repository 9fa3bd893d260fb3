import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { polarDecomposition } from '../../src/linalg/polar.js';
import { gramMatrix, multiply, multiplyFlat, transposeFlat } from '../../src/linalg/products.js';
import { symmetricEigen } from '../../src/linalg/symmetric-eigen.js';
import { gaussian, maxAbsDiff, referenceSigma, toMl, withSpectrum } from '../support/test-matrices.js';

/** Textbook triple loop, the independent reference for the blocked kernel. */
function naiveProduct(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  }
  return c;
}

// Odd sizes and sizes straddling the 128 (summation) and 256 (column) block edges.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [2, 1, 9],
  [7, 131, 3],
  [33, 129, 263],
  [130, 257, 5],
];

describe('blocked float64 matrix product', () => {
  for (const [m, k, n] of shapes) {
    it(`matches the triple loop for ${m}x${k} · ${k}x${n}`, () => {
      const a = gaussian(m, k, m * 1000 + k).data;
      const b = gaussian(k, n, n * 1000 + k).data;
      const c = multiplyFlat(a, b, m, k, n);
      expect(maxAbsDiff(c, naiveProduct(a, b, m, k, n))).toBeLessThan(1e-12 * Math.sqrt(k) * 8);
    });
  }

  it('upperOnly computes exactly the upper triangle (odd square sizes across blocks)', () => {
    for (const [n, k] of [
      [5, 3],
      [261, 131],
    ] as const) {
      const a = gaussian(n, k, n + k).data;
      const b = gaussian(k, n, n - k).data;
      const full = naiveProduct(a, b, n, k, n);
      const upper = multiplyFlat(a, b, n, k, n, true);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (j < i) expect(upper[i * n + j]).toBe(0);
          else expect(Math.abs(upper[i * n + j]! - full[i * n + j]!)).toBeLessThan(1e-11);
        }
      }
    }
  });

  it('rejects operands of the wrong size with the shapes in the message', () => {
    expect(() => multiplyFlat(new Float64Array(6), new Float64Array(5), 2, 3, 2)).toThrow(/2x3 and 3x2/);
  });

  it('gramMatrix is the symmetric Aᵀ A', () => {
    const [m, n] = [140, 263];
    const a = gaussian(m, n, 11).data;
    const g = gramMatrix(a, m, n);
    const reference = naiveProduct(transposeFlat(a, m, n), a, n, m, n);
    expect(maxAbsDiff(g, reference)).toBeLessThan(1e-11);
    for (let p = 0; p < n; p++) for (let q = 0; q < p; q++) expect(g[p * n + q]).toBe(g[q * n + p]);
  });
});

describe('symmetricEigen (paired QL rotations) against ml-matrix', () => {
  for (const n of [1, 2, 3, 70, 71]) {
    it(`n=${n}: eigenvalues, residuals and orthonormal vectors`, () => {
      const b = gaussian(n, n, 100 + n).data;
      const s = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = b[i * n + j]! + b[j * n + i]!;
      const { values, vectors } = symmetricEigen(s, n);
      const reference = [
        ...new EigenvalueDecomposition(
          new Matrix(Array.from({ length: n }, (_, i) => [...s.subarray(i * n, i * n + n)])),
          { assumeSymmetric: true },
        ).realEigenvalues,
      ].sort((x, y) => x - y);
      expect(maxAbsDiff(values, reference)).toBeLessThan(1e-12 * n * 10);
      for (let k = 0; k < n; k++) {
        const v = vectors.subarray(k * n, k * n + n);
        for (let i = 0; i < n; i++) {
          let av = 0;
          for (let j = 0; j < n; j++) av += s[i * n + j]! * v[j]!;
          expect(Math.abs(av - values[k]! * v[i]!)).toBeLessThan(1e-11 * n);
        }
        for (let l = 0; l <= k; l++) {
          let dot = 0;
          for (let j = 0; j < n; j++) dot += v[j]! * vectors[l * n + j]!;
          expect(Math.abs(dot - (l === k ? 1 : 0))).toBeLessThan(1e-12 * n);
        }
      }
    });
  }
});

describe('gram method across the product block edges', () => {
  it('rank-deficient 150x133: singular values and U Vᵀ match ml-matrix', () => {
    const sigma = Array.from({ length: 40 }, (_, i) => 2 ** (-i / 4));
    const a = withSpectrum(150, 133, sigma, 21);
    const d = polarDecomposition(a, { method: 'gram' });
    expect(d.rank).toBe(40);
    const reference = referenceSigma(a);
    for (let i = 0; i < 133; i++) expect(Math.abs(d.sigma[i]! - reference[i]!)).toBeLessThan(1e-6);
    // The Jacobi route (checked against ml-matrix in jacobi-svd.test.ts) is the independent reference here.
    expect(maxAbsDiff(d.polar, polarDecomposition(a, { method: 'jacobi', rankTolerance: 1e-6 }).polar)).toBeLessThan(
      1e-8,
    );
  });
});

describe('multiply on DenseMatrix', () => {
  it('matches ml-matrix mmul and names the shapes when they do not fit', () => {
    const a = gaussian(9, 140, 31);
    const b = gaussian(140, 5, 32);
    const reference = toMl(a).mmul(toMl(b)).to1DArray();
    const c = multiply(a, b);
    expect([c.rows, c.cols]).toEqual([9, 5]);
    expect(maxAbsDiff(c.data, reference)).toBeLessThan(1e-12);
    expect([...multiply([[1, 2]], [[3], [4]]).data]).toEqual([11]);
    expect(() => multiply(a, a)).toThrow(/9x140 times 9x140/);
  });
});
