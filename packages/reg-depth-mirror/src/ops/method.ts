/** How a penalty computes the nuclear norm and U Vᵀ. */
export const SPECTRAL_METHODS = ['auto', 'jacobi', 'gram', 'newton-schulz'] as const;
export type SpectralMethod = (typeof SPECTRAL_METHODS)[number];
export type ConcreteSpectralMethod = Exclude<SpectralMethod, 'auto'>;

/** Backends whose matmul runs in native code or on a GPU; there Newton–Schulz wins for larger matrices. */
const FAST_MATMUL_BACKENDS = new Set(['tensorflow', 'webgl', 'webgpu']);

/**
 * The method `auto` uses for a rows x cols matrix on `backend`. Chosen from
 * the measurements in the README (bench/penalty.ts): on the cpu and wasm
 * backends the float64 JS decompositions are fastest (Jacobi for small
 * matrices, where it is as fast and more accurate; the Gram eigen-solver for
 * larger); where matmul is native, Newton–Schulz stays on the device.
 */
export function chooseMethod(rows: number, cols: number, backend: string): ConcreteSpectralMethod {
  const k = Math.min(rows, cols);
  if (FAST_MATMUL_BACKENDS.has(backend) && k >= 128) return 'newton-schulz';
  return k <= 48 ? 'jacobi' : 'gram';
}
