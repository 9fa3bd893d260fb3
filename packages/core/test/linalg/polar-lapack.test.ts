/**
 * `polarDecomposition(…, { method: 'lapack' })` on the system's LAPACK against
 * the plain-JS Jacobi SVD (the independent float64 reference): same singular
 * values, same U Vᵀ, same rank, on square, tall, wide, rank-deficient and
 * ill-conditioned matrices; and a clear error when no accelerator is active.
 */
import { loadLapack } from '@rankbias/linalg-lapack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFloat64Accelerator } from '../../src/linalg/accelerator.js';
import { denseMatrix, type DenseMatrix } from '../../src/linalg/dense-matrix.js';
import { NoFloat64AcceleratorError, polarDecomposition } from '../../src/linalg/polar.js';
import { multiply } from '../../src/linalg/products.js';
import { resolvePolarMethod, singularValues } from '../../src/linalg/singular-values.js';

function seeded(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}
const random = (rows: number, cols: number, seed: number): DenseMatrix => {
  const r = seeded(seed);
  return denseMatrix(rows, cols, Float64Array.from({ length: rows * cols }, r));
};
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};

beforeAll(() => setFloat64Accelerator(loadLapack()));
afterAll(() => setFloat64Accelerator(undefined));

describe("polarDecomposition method 'lapack'", () => {
  const cases: [string, DenseMatrix][] = [
    ['square 30x30', random(30, 30, 1)],
    ['tall 50x20', random(50, 20, 2)],
    ['wide 20x50', random(20, 50, 3)],
    ['rank 4 of 40x30', multiply(random(40, 4, 4), random(4, 30, 5))],
    ['128x100 (the Gram route of the penalty sizes)', random(128, 100, 6)],
  ];
  for (const [label, a] of cases) {
    it(`${label}: σ, U Vᵀ and rank equal the Jacobi SVD's`, () => {
      const reference = polarDecomposition(a, { method: 'jacobi', rankTolerance: 1e-10 });
      const fast = polarDecomposition(a, { method: 'lapack', rankTolerance: 1e-10 });
      expect(fast.rank).toBe(reference.rank);
      expect(maxAbs(fast.sigma.subarray(0, fast.rank), reference.sigma.subarray(0, fast.rank))).toBeLessThan(
        1e-12 * reference.sigma[0]!,
      );
      expect(maxAbs(fast.polar, reference.polar)).toBeLessThan(1e-9);
      expect(fast.frobenius).toBe(reference.frobenius);
    });
  }

  it('polarInto: U Vᵀ written into the given buffer, the same numbers, on every route and shape; wrong size refused', () => {
    for (const method of ['lapack', 'gram', 'jacobi'] as const) {
      for (const a of [random(30, 20, 7), random(20, 30, 8), denseMatrix(6, 4, new Float64Array(24))]) {
        const fresh = polarDecomposition(a, { method });
        const into = new Float64Array(a.rows * a.cols).fill(Number.NaN);
        const d = polarDecomposition(a, { method, polarInto: into });
        expect(d.polar).toBe(into);
        expect(Array.from(d.polar)).toEqual(Array.from(fresh.polar));
        expect(Array.from(d.sigma)).toEqual(Array.from(fresh.sigma));
      }
    }
    expect(() => polarDecomposition(random(5, 4, 9), { polarInto: new Float64Array(19) })).toThrow(
      /polarInto must hold 20 values, got 19/,
    );
  });

  it('calls in a row reuse their scratch buffers without mixing matrices: each as a first call', () => {
    const matrices = [random(40, 30, 10), random(40, 30, 11), random(30, 30, 12), random(40, 30, 10)];
    const first = matrices.map((a) => polarDecomposition(a, { method: 'lapack' }));
    // Interleaved sizes, repeated: the pooled intermediates must not carry anything over.
    for (let round = 0; round < 2; round++) {
      matrices.forEach((a, i) => {
        const again = polarDecomposition(a, { method: 'lapack' });
        expect(Array.from(again.polar)).toEqual(Array.from(first[i]!.polar));
        expect(Array.from(again.sigma)).toEqual(Array.from(first[i]!.sigma));
      });
    }
    expect(Array.from(first[3]!.polar)).toEqual(Array.from(first[0]!.polar));
  });

  it('keeps a direction at 1e-9·σ₁ when the cut asks for it (the SVD route, below the Gram floor)', () => {
    // U diag(σ) Vᵀ with σ from 1 to 1e-9, built from the Jacobi factors of a random matrix.
    const base = polarDecomposition(random(12, 8, 7), { method: 'jacobi' });
    const q = polarDecomposition(random(8, 8, 8), { method: 'jacobi' }).polar; // orthogonal 8x8
    const sigma = [1, 0.5, 0.2, 0.1, 1e-3, 1e-5, 1e-7, 1e-9];
    const scaledQ = denseMatrix(
      8,
      8,
      q.map((x, i) => x * sigma[i % 8]!),
    );
    const a = multiply(denseMatrix(12, 8, base.polar), scaledQ);
    const reference = polarDecomposition(a, { method: 'jacobi', rankTolerance: 1e-10 });
    const fast = polarDecomposition(a, { method: 'lapack', rankTolerance: 1e-10 });
    expect(reference.rank).toBe(8);
    expect(fast.rank).toBe(8);
    expect(fast.sigma[7]! / reference.sigma[7]!).toBeCloseTo(1, 5);
    expect(maxAbs(fast.polar, reference.polar)).toBeLessThan(1e-6);
  });

  it("auto picks 'lapack' above k = 64 while an accelerator is active, 'gram' otherwise", () => {
    expect(resolvePolarMethod(100, 100)).toBe('lapack');
    expect(resolvePolarMethod(10, 10)).toBe('jacobi');
    setFloat64Accelerator(undefined);
    try {
      expect(resolvePolarMethod(100, 100)).toBe('gram');
      expect(() => polarDecomposition(random(5, 5, 9), { method: 'lapack' })).toThrow(NoFloat64AcceleratorError);
      expect(() => polarDecomposition(random(5, 5, 9), { method: 'lapack' })).toThrow(
        /npm install @rankbias\/linalg-lapack/,
      );
    } finally {
      setFloat64Accelerator(loadLapack());
    }
  });
});

describe('singularValues on the accelerator (its SVD without vectors)', () => {
  it("is the default once an accelerator with an SVD is active, and agrees with Jacobi's values", () => {
    const engine = loadLapack();
    let calls = 0;
    setFloat64Accelerator({
      ...engine,
      singularValues: (a, m, n) => {
        calls++;
        return engine.singularValues(a, m, n);
      },
    });
    for (const m of [random(40, 25, 7), random(12, 30, 8)]) {
      const values = singularValues(m);
      const jacobi = singularValues(m, { method: 'jacobi' });
      expect(values).toHaveLength(Math.min(m.rows, m.cols));
      expect(maxAbs(values, jacobi)).toBeLessThan(1e-13);
    }
    expect(calls).toBe(2);
    setFloat64Accelerator(engine);
  });

  it('without an accelerator the default stays the Jacobi SVD; a NaN entry is an error that says where', () => {
    const m = random(10, 10, 9);
    setFloat64Accelerator(undefined);
    const js = singularValues(m);
    setFloat64Accelerator(loadLapack());
    expect(Array.from(js)).toEqual(Array.from(singularValues(m, { method: 'jacobi' })));
    const bad = denseMatrix(2, 2, [1, Number.NaN, 0, 1]);
    expect(() => singularValues(bad)).toThrow(/non-finite entry \(NaN\) at index 1/);
  });
});
