import { describe, expect, it } from 'vitest';
import { defaultCandidates, LapackUnavailableError, loadLapack, openLapackLibrary } from '../src/index.js';

/** Seeded uniform values in [-0.5, 0.5) (mulberry32). */
function randomMatrix(length: number, seed: number): Float64Array {
  let t = seed >>> 0;
  return Float64Array.from({ length }, () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296 - 0.5;
  });
}

/** Plain triple loop: the independent reference for every product below. */
function naiveMultiply(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  return c;
}

const transposeOf = (a: Float64Array, rows: number, cols: number) => {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j]!;
  return t;
};
const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};
const identity = (n: number) => Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));

const engine = loadLapack();

describe('loadLapack', () => {
  it('names the library it loaded; OpenBLAS runs on one thread unless told otherwise', () => {
    expect(engine.name).toMatch(/^LAPACK /);
    if (/OpenBLAS/.test(engine.name)) expect(engine.name).toContain('1 thread');
  });

  it('a missing library: says what was tried and how to install one', () => {
    const error = (() => {
      try {
        openLapackLibrary({ library: '/nonexistent/liblapack.so.3' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LapackUnavailableError);
    expect((error as Error).message).toContain('/nonexistent/liblapack.so.3: not found');
    expect((error as Error).message).toContain('apt-get install libopenblas0-pthread');
  });

  it('a shared library without LAPACK in it is refused by name', () => {
    if (process.platform !== 'linux') return;
    expect(() => openLapackLibrary({ library: 'libc.so.6' })).toThrow(/libc\.so\.6: loaded, but it exports no dsyevd_/);
  });

  it('searches OpenBLAS first, then the system LAPACK', () => {
    expect(defaultCandidates('linux').slice(0, 2)).toEqual(['libopenblas.so.0', 'liblapack.so.3']);
    expect(defaultCandidates('darwin')[0]).toContain('Accelerate');
  });
});

describe('multiply (dgemm on row-major arrays)', () => {
  for (const [m, k, n] of [
    [1, 1, 1],
    [3, 5, 2],
    [17, 9, 31],
    [64, 64, 64],
    [4, 0, 3],
  ] as const) {
    it(`${m}x${k} · ${k}x${n} equals the triple loop`, () => {
      const a = randomMatrix(m * k, m + 10 * k);
      const b = randomMatrix(k * n, n + 7);
      expect(maxAbs(engine.multiply(a, b, m, k, n), naiveMultiply(a, b, m, k, n))).toBeLessThan(1e-13);
    });
  }

  it('rejects operands of the wrong size', () => {
    expect(() => engine.multiply(new Float64Array(6), new Float64Array(6), 2, 3, 3)).toThrow(RangeError);
  });

  it('writes into a given buffer (whatever it held) and returns it; a buffer of the wrong size is refused', () => {
    for (const [m, k, n] of [
      [17, 9, 31],
      [4, 0, 3],
    ] as const) {
      const a = randomMatrix(m * k, 3);
      const b = randomMatrix(k * n, 4);
      const out = new Float64Array(m * n).fill(Number.NaN);
      expect(engine.multiply(a, b, m, k, n, out)).toBe(out);
      expect(Array.from(out)).toEqual(Array.from(engine.multiply(a, b, m, k, n)));
    }
    expect(() => engine.multiply(new Float64Array(6), new Float64Array(6), 2, 3, 2, new Float64Array(5))).toThrow(
      /must hold 4 values, got 5/,
    );
  });
});

describe('gramEigen (dsyrk + dsyevd)', () => {
  for (const [m, n] of [
    [7, 4],
    [30, 30],
    [120, 50],
  ] as const) {
    it(`${m}x${n}: AᵀA v = λ v, orthonormal vectors, ascending values, trace = ‖A‖²_F`, () => {
      const a = randomMatrix(m * n, m * n);
      const gram = naiveMultiply(transposeOf(a, m, n), a, n, m, n);
      const { values, vectors } = engine.gramEigen(a, m, n);
      for (let i = 1; i < n; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
      // vectors: row k is eigenvector k, so G Vᵀ = Vᵀ Λ.
      const vt = transposeOf(vectors, n, n);
      const gv = naiveMultiply(gram, vt, n, n, n);
      const vl = vt.map((x, i) => x * values[i % n]!);
      expect(maxAbs(gv, vl)).toBeLessThan(1e-12 * values[n - 1]!);
      expect(maxAbs(naiveMultiply(vectors, vt, n, n, n), identity(n))).toBeLessThan(1e-12);
      const trace = values.reduce((s, x) => s + x, 0);
      expect(trace).toBeCloseTo(
        a.reduce((s, x) => s + x * x, 0),
        10,
      );
    });
  }

  it('writes the eigenvectors into a given buffer (whatever it held): the same numbers; the wrong size is refused', () => {
    const a = randomMatrix(30 * 20, 11);
    const out = new Float64Array(400).fill(Number.NaN);
    const fresh = engine.gramEigen(a, 30, 20);
    const into = engine.gramEigen(a, 30, 20, out);
    expect(into.vectors).toBe(out);
    expect(Array.from(into.vectors)).toEqual(Array.from(fresh.vectors));
    expect(Array.from(into.values)).toEqual(Array.from(fresh.values));
    expect(() => engine.gramEigen(a, 30, 20, new Float64Array(399))).toThrow(/must hold 400 values, got 399/);
  });
});

describe('svd (dgesdd)', () => {
  for (const [m, n, rank] of [
    [6, 6, 6],
    [40, 15, 15],
    [40, 15, 4],
  ] as const) {
    it(`${m}x${n} of rank ${rank}: A = U Σ Vᵀ with orthonormal U and V, σ descending`, () => {
      // A = B C with B m×rank, C rank×n: rank-deficient when rank < n.
      const a = naiveMultiply(randomMatrix(m * rank, m), randomMatrix(rank * n, n), m, rank, n);
      const { sigma, u, v } = engine.svd(a, m, n);
      for (let i = 1; i < n; i++) expect(sigma[i]!).toBeLessThanOrEqual(sigma[i - 1]!);
      expect(sigma[n - 1]!).toBeGreaterThanOrEqual(0);
      const us = u.map((x, i) => x * sigma[i % n]!);
      expect(maxAbs(naiveMultiply(us, transposeOf(v, n, n), m, n, n), a)).toBeLessThan(1e-13 * m * n);
      expect(maxAbs(naiveMultiply(transposeOf(v, n, n), v, n, n, n), identity(n))).toBeLessThan(1e-12);
      expect(maxAbs(naiveMultiply(transposeOf(u, m, n), u, n, m, n), identity(n))).toBeLessThan(1e-12);
      for (let i = rank; i < n; i++) expect(sigma[i]!).toBeLessThan(1e-12 * sigma[0]!);
    });
  }

  it('rejects a wide matrix (callers pass the taller orientation)', () => {
    expect(() => engine.svd(new Float64Array(6), 2, 3)).toThrow(/rows >= cols/);
    expect(() => engine.singularValues(new Float64Array(6), 2, 3)).toThrow(/rows >= cols/);
  });

  it('singularValues (no vectors): the σ of the full SVD, and the input untouched', () => {
    for (const [m, n] of [
      [7, 7],
      [40, 15],
    ] as const) {
      const a = randomMatrix(m * n, m + n);
      const before = a.slice();
      const values = engine.singularValues(a, m, n);
      expect(maxAbs(values, engine.svd(a, m, n).sigma)).toBeLessThan(1e-13);
      expect(a).toEqual(before);
      // Σσ² = ‖A‖_F², an identity independent of LAPACK
      const frob2 = a.reduce((s, x) => s + x * x, 0);
      expect(values.reduce((s, x) => s + x * x, 0)).toBeCloseTo(frob2, 10);
    }
  });
});

describe('gemmFloat32 (sgemm on row-major float32, optionally transposed operands)', () => {
  for (const [transposeA, transposeB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`op(A) 7×5 · op(B) 5×3 with transposeA=${transposeA}, transposeB=${transposeB}, on views at an offset`, () => {
      const [m, k, n] = [7, 5, 3];
      const a64 = randomMatrix(m * k, 11);
      const b64 = randomMatrix(k * n, 12);
      const expected = naiveMultiply(a64, b64, m, k, n);
      // Stored as the kernel would find them: transposed when flagged, inside a larger buffer (the wasm heap).
      const heap = new Float32Array(64 + m * k + k * n + m * n).fill(Number.NaN);
      const a = heap.subarray(3, 3 + m * k);
      const b = heap.subarray(3 + m * k, 3 + m * k + k * n);
      const c = heap.subarray(64 + m * k + k * n);
      a.set(transposeA ? transposeOf(a64, m, k) : a64);
      b.set(transposeB ? transposeOf(b64, k, n) : b64);
      engine.gemmFloat32(transposeA, transposeB, m, n, k, a, b, c);
      expect(maxAbs(c.subarray(0, m * n), expected)).toBeLessThan(1e-6);
      // Nothing outside the output was written.
      expect(Number.isNaN(heap[0]!) && Number.isNaN(heap[63 + m * k + k * n]!)).toBe(true);
    });
  }

  it('an empty inner dimension gives zeros; short arrays are refused', () => {
    const c = new Float32Array(6).fill(5);
    engine.gemmFloat32(false, false, 2, 3, 0, new Float32Array(0), new Float32Array(0), c);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(() => engine.gemmFloat32(false, false, 2, 3, 4, new Float32Array(7), new Float32Array(12), c)).toThrow(
      /needs 8, 12 and 6 values/,
    );
  });
});
