import { float64Accelerator } from '@rankbias/core';

/** How a penalty computes the nuclear norm and U Vᵀ. */
export const SPECTRAL_METHODS = ['auto', 'jacobi', 'gram', 'newton-schulz', 'lapack'] as const;
export type SpectralMethod = (typeof SPECTRAL_METHODS)[number];
export type ConcreteSpectralMethod = Exclude<SpectralMethod, 'auto'>;

/** Backends whose matmul is fast (native, GPU, or wasm SIMD); there Newton–Schulz wins above small sizes. */
const FAST_MATMUL_BACKENDS = new Set(['wasm', 'tensorflow', 'webgl', 'webgpu']);
/** Up to this min(rows, cols) the Jacobi SVD is as fast as anything else and the most accurate. */
const JACOBI_MAX = 64;
/**
 * Up to this min(rows, cols) the float64 Gram route is used on every backend. Newton–Schulz
 * wins there only on well-conditioned weights (1.3× at 128 on wasm); the weights this penalty
 * exists for have a spectrum reaching below its 2⁻¹⁰·σ₁ floor, where it is rejected and the
 * float64 fallback runs too (matrix completion 100×100: accepted in 131 of 1500 steps, 1.7×
 * slower per step than Gram alone).
 */
const GRAM_MAX = 128;

/** From this min(rows, cols) on `auto` uses LAPACK when active: below it the JS routes are as fast (bench/penalty.ts, medians at 8 and 16). */
const LAPACK_MIN = 32;

/**
 * The method `auto` uses for a rows x cols matrix on `backend`, chosen from
 * the measurements in the README (bench/penalty.ts): LAPACK whenever a float64
 * accelerator is active (`linalg: auto|lapack` with @rankbias/linalg-lapack
 * installed) and the matrix is not tiny; otherwise Jacobi for small matrices,
 * the float64 Gram eigen-solver up to 128, and above that on the pure-JS `cpu`
 * backend (whose matmul is slow); Newton–Schulz where matmul is fast.
 */
export function chooseMethod(rows: number, cols: number, backend: string): ConcreteSpectralMethod {
  const k = Math.min(rows, cols);
  if (k >= LAPACK_MIN && float64Accelerator()) return 'lapack';
  if (k <= JACOBI_MAX) return 'jacobi';
  if (k <= GRAM_MAX) return 'gram';
  return FAST_MATMUL_BACKENDS.has(backend) ? 'newton-schulz' : 'gram';
}
