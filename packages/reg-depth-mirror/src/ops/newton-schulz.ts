import * as tf from '@tensorflow/tfjs-core';
import { defaultRankTolerance } from '@rankbias/core';

/** Quintic step p(x) = a x + b x³ + c x⁵ that lifts small singular values fast into [0.68, 1.21]. */
const QUINTIC = { a: 3.4445, b: -4.775, c: 2.0315 } as const;
/** Cubic Newton–Schulz steps that then converge [0.68, 1.21] to 1 to float32 precision. */
const CUBIC_STEPS = 6;

/** Options of `newtonSchulzPolar`. */
export interface NewtonSchulzOptions {
  /** Singular values below `rankTolerance * sigma_max` are not driven to 1. Default `max(m, n) * 2^-23`. */
  readonly rankTolerance?: number;
}

/**
 * Polar factor U Vᵀ of a 2-D tensor from matmuls only, so it stays on the
 * backend (fast where matmul is fast: tfjs-node, WebGL, WebGPU, wasm). The
 * matrix is scaled to unit Frobenius norm (all σ in (0, 1]), then a fixed
 * number of quintic steps (chosen from the rank tolerance, lifting every
 * σ ≥ tolerance·σ_max into [0.68, 1.21]) is followed by cubic Newton–Schulz
 * steps X ← 1.5 X − 0.5 X XᵀX, which converge those to 1 quadratically.
 * Zero singular values stay exactly zero (odd polynomials); float32 noise
 * below the tolerance is only partly lifted, giving a valid subgradient
 * component orthogonal to the retained directions. Works on the smaller Gram
 * side (k x k, k = min(m, n)).
 */
export function newtonSchulzPolar(a: tf.Tensor2D, options: NewtonSchulzOptions = {}): tf.Tensor2D {
  const [m, n] = a.shape;
  const k = Math.min(m, n);
  const frobenius = tf.tidy(() => tf.norm(a));
  const f = frobenius.dataSync()[0]!;
  frobenius.dispose();
  if (k === 0 || f === 0 || !Number.isFinite(f)) {
    if (!Number.isFinite(f)) throw new RangeError('newtonSchulzPolar: the matrix has non-finite entries');
    return tf.zerosLike(a);
  }
  const tolerance = options.rankTolerance ?? defaultRankTolerance(m, n, 'float32');
  const quinticSteps = Math.max(1, Math.ceil(Math.log((0.5 * Math.sqrt(k)) / tolerance) / Math.log(QUINTIC.a)) + 1);
  const wide = m < n;
  let x: tf.Tensor2D = tf.tidy(() => tf.div(wide ? tf.transpose(a) : a, f) as tf.Tensor2D);
  const step = (fn: (x: tf.Tensor2D) => tf.Tensor2D) => {
    const next = tf.tidy(() => fn(x));
    x.dispose();
    x = next;
  };
  for (let i = 0; i < quinticSteps; i++) {
    step((x) => {
      const gram = tf.matMul(tf.transpose(x), x);
      const poly = tf.add(tf.mul(gram, QUINTIC.b), tf.mul(tf.matMul(gram, gram), QUINTIC.c));
      return tf.add(tf.mul(x, QUINTIC.a), tf.matMul(x, poly));
    });
  }
  for (let i = 0; i < CUBIC_STEPS; i++) {
    step((x) => tf.sub(tf.mul(x, 1.5), tf.mul(tf.matMul(x, tf.matMul(tf.transpose(x), x)), 0.5)));
  }
  if (!wide) return x;
  const out = tf.transpose(x);
  x.dispose();
  return out;
}
