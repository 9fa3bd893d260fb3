import * as tf from '@tensorflow/tfjs-core';
import {
  defaultRankTolerance,
  filledTensors,
  hostValues,
  matrixView,
  polarDecomposition,
  resolvePolarMethod,
  ScratchPool,
} from '@rankbias/core';
import { ratioGradient } from '../math/depth-mirror-ratio.js';
import { chooseMethod, type ConcreteSpectralMethod, type SpectralMethod } from './method.js';
import { newtonSchulzPolar } from './newton-schulz.js';

export type Quantity = 'nuclear' | 'ratio';

/** Options shared by the spectral ops. */
export interface SpectralOpOptions {
  /**
   * Relative cut of the subgradient convention: U Vᵀ keeps the directions
   * whose σᵢ, from the float64 SVD of the tensor's float32 values, is above
   * `rankTolerance · σ₁`. Default `max(m, n) · 2⁻²³`. Every method keeps the same directions.
   */
  readonly rankTolerance?: number;
}

/**
 * Newton–Schulz is accepted only when it drove every σ to 1 with all σ at or
 * above this fraction of σ₁ (and 8× the cut): there float32 products resolve
 * each direction to ~1e-4 and the convention keeps them all. Otherwise the op
 * falls back to the float64 route.
 */
const NEWTON_SCHULZ_MIN_RATIO = 2 ** -10;
/** Largest |PᵀP − I| entry for which every direction counts as driven to 1. */
const NEWTON_SCHULZ_CHECK = 1e-2;

/**
 * Differentiable ||A||_* of a tensor viewed 2-D (`matrixView`), with the
 * exact subgradient U Vᵀ (over singular values above the float32 rank
 * tolerance). Use inside a gradient tape like any tfjs op.
 */
export function nuclearNormOp(
  x: tf.Tensor,
  method: SpectralMethod = 'auto',
  options: SpectralOpOptions = {},
): tf.Scalar {
  return spectralOp('nuclear', x, method, options);
}

/**
 * Differentiable depth-mirror ratio R(A) = ||A||_* / ||A||_F of a tensor viewed
 * 2-D, with gradient U Vᵀ/||A||_F − (||A||_* / ||A||_F³) A. Value and gradient
 * are 0 for the zero matrix.
 */
export function depthMirrorOp(
  x: tf.Tensor,
  method: SpectralMethod = 'auto',
  options: SpectralOpOptions = {},
): tf.Scalar {
  return spectralOp('ratio', x, method, options);
}

/** Unscaled gradients (one run's or K runs'), held from the forward pass to the backward pass, then reused. */
export const gradientBuffers = new ScratchPool<Float32Array>((length) => new Float32Array(length), 2);

/**
 * The backward pass of the host route: dy_k · g_k for each run's block of
 * `unscaled` (one block per entry of `dy`), in float32 as tfjs's Mul computes
 * it (a float32 store rounds the exact double product once), written into a
 * new tensor of `shape` (in place on wasm). `unscaled` goes back to
 * `gradientBuffers`.
 */
export function scaleByUpstream(dy: tf.Tensor, unscaled: Float32Array, shape: readonly number[]): tf.Tensor {
  const [scaled] = filledTensors([shape], ([out]) => {
    const scale = hostValues(dy);
    const size = unscaled.length / scale.length;
    for (let k = 0; k < scale.length; k++) {
      const s = scale[k]!;
      for (let i = k * size, end = i + size; i < end; i++) out![i] = s * unscaled[i]!;
    }
  });
  gradientBuffers.giveBack(unscaled);
  return scaled!;
}

export function spectralOp(
  quantity: Quantity,
  x: tf.Tensor,
  method: SpectralMethod,
  options: SpectralOpOptions,
): tf.Scalar {
  const [rows, cols] = matrixView(x.shape);
  const tolerance = options.rankTolerance ?? defaultRankTolerance(rows, cols, 'float32');
  const concrete = method === 'auto' ? chooseMethod(rows, cols, tf.getBackend()) : method;
  const forward = (a: tf.Tensor, save: tf.GradSaveFunc) => {
    // Backend path: a reduction (no download of the matrix); JS path: the values it reads anyway (in place on
    // wasm: nothing allocates on the heap until the decomposition is done).
    const values = concrete === 'newton-schulz' ? undefined : hostValues(a);
    if (values ? !valuesFinite(values) : !allFinite(a)) {
      // NaN/Inf weights: a NaN loss term, which the trainer reports by step and name.
      return {
        value: tf.scalar(Number.NaN),
        gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.fill([rows, cols], Number.NaN)),
      };
    }
    if (concrete === 'newton-schulz') {
      const onDevice = onBackend(quantity, a as tf.Tensor2D, tolerance);
      if (onDevice) {
        save([onDevice.gradient]);
        return { value: onDevice.value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0]!) };
      }
    }
    // The gradient comes with the decomposition (a pass over the entries), so no matrix is kept for later.
    const gradient = gradientBuffers.take(rows * cols);
    const value = hostSpectral(quantity, values ?? hostValues(a), rows, cols, concrete, tolerance, gradient);
    return {
      value: tf.scalar(value),
      gradFunc: (dy: tf.Tensor) => scaleByUpstream(dy, gradient, [rows, cols]),
    };
  };
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(tf.reshape(x, [rows, cols])) as tf.Scalar;
}

/**
 * The host route's float64 matrices (the values and their U Vᵀ), reused from step to step: the route runs
 * every training step, and two new 8·rows·cols-byte arrays per step keep V8 collecting on every core.
 */
const hostBuffers = new ScratchPool((length) => new Float64Array(length), 4);

/**
 * The float64 SVD route of the spectral ops for one matrix's float32
 * values: the polar decomposition by `method` (Newton–Schulz's own fallback
 * when it was asked for). Returns the value and writes the unscaled gradient
 * (dvalue/dA, row-major, rounded once to float32) into `gradient`.
 */
export function hostSpectral(
  quantity: Quantity,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  method: ConcreteSpectralMethod,
  tolerance: number,
  gradient: Float32Array,
): number {
  const [matrix, polar] = [hostBuffers.take(rows * cols), hostBuffers.take(rows * cols)];
  try {
    matrix.set(values);
    const d = polarDecomposition(
      { rows, cols, data: matrix },
      {
        method: method === 'newton-schulz' ? resolvePolarMethod(rows, cols) : method,
        rankTolerance: tolerance,
        polarInto: polar,
      },
    );
    let nuclear = 0;
    for (const s of d.sigma) nuclear += s;
    if (quantity === 'nuclear') {
      gradient.set(d.polar);
      return nuclear;
    }
    ratioGradient(matrix, d.polar, nuclear, d.frobenius, gradient);
    return d.frobenius === 0 ? 0 : nuclear / d.frobenius;
  } finally {
    hostBuffers.giveBack(matrix, polar);
  }
}

/** Whether every value is finite (a plain loop: `every` with a callback costs a call per entry). */
export function valuesFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

function allFinite(x: tf.Tensor): boolean {
  const ok = tf.tidy(() => tf.all(tf.isFinite(x)));
  const result = ok.dataSync()[0] === 1;
  ok.dispose();
  return result;
}

/**
 * Σ of a 2-D tensor as row sums, then their sum: float32 reductions over a
 * million terms lose ~1e-4 relative when summed in one pass; two levels keep
 * the error near √(rows)+√(cols) roundings.
 */
function sum2d(x: tf.Tensor): tf.Scalar {
  return tf.sum(tf.sum(x, 1));
}

/**
 * Value and gradient from Newton–Schulz on the backend, or `undefined` when
 * some σ was not driven to 1 (a spectrum reaching below the accepted ratio),
 * where float32 cannot follow the subgradient convention.
 */
function onBackend(
  quantity: Quantity,
  a: tf.Tensor2D,
  tolerance: number,
): { value: tf.Scalar; gradient: tf.Tensor } | undefined {
  const polar = newtonSchulzPolar(a, { rankTolerance: Math.max(8 * tolerance, NEWTON_SCHULZ_MIN_RATIO) });
  if (!allDirectionsLifted(polar)) {
    polar.dispose();
    return undefined;
  }
  return polarToValue(quantity, a, polar);
}

/** Whether every singular value of P is 1, i.e. PᵀP (on the smaller side) is the identity. */
function allDirectionsLifted(p: tf.Tensor2D): boolean {
  const worst = tf.tidy(() => {
    const [m, n] = p.shape;
    const gram = m >= n ? tf.matMul(p, p, true, false) : tf.matMul(p, p, false, true);
    return tf.max(tf.abs(tf.sub(gram, tf.eye(Math.min(m, n)))));
  });
  const ok = worst.dataSync()[0]! <= NEWTON_SCHULZ_CHECK;
  worst.dispose();
  return ok;
}

function polarToValue(
  quantity: Quantity,
  a: tf.Tensor2D,
  polar: tf.Tensor2D,
): { value: tf.Scalar; gradient: tf.Tensor } {
  const nuclear = sum2d(tf.mul(polar, a));
  if (quantity === 'nuclear') return { value: nuclear, gradient: polar };
  // A floor on F keeps the zero matrix at value 0 and gradient 0 (polar is 0 there).
  const f = tf.maximum(tf.sqrt(sum2d(tf.square(a))), 1e-30);
  const value = tf.div(nuclear, f) as tf.Scalar;
  // N / F / F / F rather than N / F³: F³ may underflow float32 where F does not.
  const gradient = tf.sub(tf.div(polar, f), tf.mul(tf.div(tf.div(value, f), f), a));
  return { value, gradient };
}
