/** How a penalty computes the nuclear norm and U Vᵀ. */
export const SPECTRAL_METHODS = ['auto', 'jacobi', 'gram', 'newton-schulz'] as const;
export type SpectralMethod = (typeof SPECTRAL_METHODS)[number];
export type ConcreteSpectralMethod = Exclude<SpectralMethod, 'auto'>;

/** Backends whose matmul is fast (native, GPU, or wasm SIMD); there Newton–Schulz wins above small sizes. */
const FAST_MATMUL_BACKENDS = new Set(['wasm', 'tensorflow', 'webgl', 'webgpu']);
/** Up to this min(rows, cols) the Jacobi SVD is as fast as anything else and the most accurate. */
const JACOBI_MAX = 64;

/**
 * The method `auto` uses for a rows x cols matrix on `backend`, chosen from
 * the measurements in the README (bench/penalty.ts): Jacobi for small
 * matrices; above that the float64 Gram eigen-solver on the pure-JS `cpu`
 * backend (whose matmul is slow) and Newton–Schulz where matmul is fast.
 */
export function chooseMethod(rows: number, cols: number, backend: string): ConcreteSpectralMethod {
  const k = Math.min(rows, cols);
  if (k <= JACOBI_MAX) return 'jacobi';
  return FAST_MATMUL_BACKENDS.has(backend) ? 'newton-schulz' : 'gram';
}
