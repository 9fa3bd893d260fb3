import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SingularValueDecomposition } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRankTolerance, setFloat64Accelerator, type Float64Accelerator } from '@rankbias/core';
import { loadLapack } from '@rankbias/linalg-lapack';
import { depthMirrorOp, depthMirrorPenalty, nuclearNormOp, type SpectralMethod } from '../src/index.js';
import { maxAbsDiff, rng, toMl, withSpectrum } from './reference.js';

let lapack: Float64Accelerator;
beforeAll(async () => {
  await tf.setBackend('cpu');
  // The system's LAPACK (.ci/run installs libopenblas0-pthread); active only for method 'lapack', so that
  // 'auto' here is the plain-JS choice.
  lapack = loadLapack();
});

const METHODS: SpectralMethod[] = ['jacobi', 'gram', 'newton-schulz', 'auto', 'lapack'];

/** Runs `f` with the LAPACK accelerator active for method 'lapack' only. */
function withMethod<T>(method: SpectralMethod, f: () => T): T {
  setFloat64Accelerator(method === 'lapack' ? lapack : undefined);
  try {
    return f();
  } finally {
    setFloat64Accelerator(undefined);
  }
}

/**
 * The convention computed independently: ml-matrix's float64 SVD of the
 * float32 values; U Vᵀ over σᵢ > tolerance·σ₁; ∇R = U Vᵀ/F − (N/F³)A.
 */
function reference(values: Float32Array, rows: number, cols: number, tolerance: number) {
  const a = { rows, cols, data: Float64Array.from(values) };
  const svd = new SingularValueDecomposition(toMl(a), { autoTranspose: true });
  const sigma = [...svd.diagonal];
  const cut = tolerance * Math.max(...sigma);
  const polar = new Float64Array(rows * cols);
  sigma.forEach((s, r) => {
    if (!(s > cut)) return;
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++)
        polar[i * cols + j]! += svd.leftSingularVectors.get(i, r) * svd.rightSingularVectors.get(j, r);
  });
  const nuclear = sigma.reduce((x, y) => x + y, 0);
  const f = Math.sqrt(a.data.reduce((x, y) => x + y * y, 0));
  const ratioGrad = polar.map((p, i) => p / f - (nuclear / f ** 3) * a.data[i]!);
  // How close the nearest σ lies to the cut, relative to it: the cases stay clear of it.
  const margin = Math.min(...sigma.map((s) => Math.abs(s - cut) / cut));
  return { polar, ratioGrad, kept: sigma.filter((s) => s > cut).length, margin };
}

function gradient(op: (x: tf.Tensor) => tf.Scalar, values: Float32Array, rows: number, cols: number): Float32Array {
  const x = tf.tensor2d(values, [rows, cols]);
  const g = tf.grad(op)(x);
  const out = g.dataSync() as Float32Array;
  tf.dispose([x, g]);
  return out;
}

const logSpaced = (from: number, to: number, n: number) =>
  Array.from({ length: n }, (_, i) => from * (to / from) ** (i / (n - 1)));

// σ_min/σ₁ from 1e-8 to 1e-5 in float32 (the case: 1e-6 just under the 10·2⁻²³ cut of a 10-wide matrix).
const cases: { label: string; rows: number; cols: number; sigma: number[] }[] = [
  {
    label: '10x8, σ_min/σ₁ = 1e-6 (under the 10·2⁻²³ cut)',
    rows: 10,
    cols: 8,
    sigma: [...logSpaced(1, 0.05, 7), 1e-6],
  },
  { label: '8x10 (wide), σ_min/σ₁ = 1e-6', rows: 8, cols: 10, sigma: [...logSpaced(1, 0.05, 7), 1e-6] },
  { label: '40x24, σ_min/σ₁ = 1e-8', rows: 40, cols: 24, sigma: [...logSpaced(1, 1e-2, 20), 1e-6, 1e-7, 1e-8, 1e-8] },
  {
    label: '40x24, σ_min/σ₁ = 1e-5 (above the 40·2⁻²³ cut)',
    rows: 40,
    cols: 24,
    sigma: [...logSpaced(1, 1e-3, 23), 1e-5],
  },
  {
    label: '24x40, a spectrum that straddles the cut',
    rows: 24,
    cols: 40,
    sigma: [...logSpaced(1, 1e-4, 20), 2e-5, 1e-6, 3e-7, 1e-7],
  },
  {
    label: '80x72 (gram and auto above k = 64), σ_min/σ₁ = 1e-7',
    rows: 80,
    cols: 72,
    sigma: [...logSpaced(1, 1e-2, 68), 3e-5, 1e-6, 1e-7, 1e-7],
  },
];

describe('one subgradient convention for every method', () => {
  for (const { label, rows, cols, sigma } of cases) {
    it(label, () => {
      const values = Float32Array.from(withSpectrum(rows, cols, sigma, rng(rows * 7 + cols)).data);
      const tolerance = defaultRankTolerance(rows, cols, 'float32');
      const ref = reference(values, rows, cols, tolerance);
      expect(ref.margin).toBeGreaterThan(0.1);
      const scale = Math.max(...ref.ratioGrad.map(Math.abs));
      const results = METHODS.map((method) =>
        withMethod(method, () => ({
          method,
          ratio: gradient((x) => depthMirrorOp(x, method), values, rows, cols),
          nuclear: gradient((x) => nuclearNormOp(x, method), values, rows, cols),
        })),
      );
      for (const r of results) {
        // float32 output: agreement to a few float32 roundings of the largest entry.
        expect(maxAbsDiff(r.ratio, ref.ratioGrad), `${r.method} ∇R`).toBeLessThan(1e-5 * scale);
        expect(maxAbsDiff(r.nuclear, ref.polar), `${r.method} ∇‖·‖_*`).toBeLessThan(1e-5);
        expect(maxAbsDiff(r.ratio, results[0]!.ratio), `${r.method} vs jacobi`).toBeLessThan(2e-5 * scale);
      }
    });
  }

  it('the tolerance option moves the cut for every method alike', () => {
    const [rows, cols] = [10, 8];
    const values = Float32Array.from(withSpectrum(rows, cols, [...logSpaced(1, 0.05, 7), 1e-6], rng(77)).data);
    // 1e-7 keeps the 1e-6 direction that the default cut drops; 1e-1 drops the smaller half.
    for (const tolerance of [1e-7, 1e-1]) {
      const ref = reference(values, rows, cols, tolerance);
      expect(ref.margin).toBeGreaterThan(0.1);
      // 'lapack' at 1e-7 is under the Gram route's floor: it takes LAPACK's SVD (dgesdd), as 'gram' takes Jacobi.
      for (const method of ['jacobi', 'gram', 'auto', 'lapack'] as const) {
        const g = withMethod(method, () =>
          gradient((x) => nuclearNormOp(x, method, { rankTolerance: tolerance }), values, rows, cols),
        );
        expect(maxAbsDiff(g, ref.polar), `${method} at ${tolerance}`).toBeLessThan(1e-5);
      }
    }
    expect(reference(values, rows, cols, 1e-7).kept).toBe(8);
    expect(reference(values, rows, cols, 1e-1).kept).toBeLessThan(7);
  });

  it('the penalty exposes the tolerance as an option and rejects a cut outside (0, 1)', () => {
    expect(depthMirrorPenalty.options.parse({ rankTolerance: 1e-6 }).rankTolerance).toBe(1e-6);
    expect(() => depthMirrorPenalty.options.parse({ rankTolerance: 2 })).toThrow();
  });
});
