import * as tf from '@tensorflow/tfjs-core';
import { defaultRankTolerance, denseMatrix, matrixView, polarDecomposition } from '@rankbias/core';
import { ratioGradient } from '../math/depth-mirror-ratio.js';
import { chooseMethod, type SpectralMethod } from './method.js';
import { newtonSchulzPolar } from './newton-schulz.js';

type Quantity = 'nuclear' | 'ratio';

/**
 * Differentiable ||A||_* of a tensor viewed 2-D (`matrixView`), with the
 * exact subgradient U Vᵀ (over singular values above the float32 rank
 * tolerance). Use inside a gradient tape like any tfjs op.
 */
export function nuclearNormOp(x: tf.Tensor, method: SpectralMethod = 'auto'): tf.Scalar {
  return spectralOp('nuclear', x, method);
}

/**
 * Differentiable depth-mirror ratio R(A) = ||A||_* / ||A||_F of a tensor viewed
 * 2-D, with gradient U Vᵀ/||A||_F − (||A||_* / ||A||_F³) A. Value and gradient
 * are 0 for the zero matrix.
 */
export function depthMirrorOp(x: tf.Tensor, method: SpectralMethod = 'auto'): tf.Scalar {
  return spectralOp('ratio', x, method);
}

function spectralOp(quantity: Quantity, x: tf.Tensor, method: SpectralMethod): tf.Scalar {
  const [rows, cols] = matrixView(x.shape);
  const concrete = method === 'auto' ? chooseMethod(rows, cols, tf.getBackend()) : method;
  const forward = (a: tf.Tensor, save: tf.GradSaveFunc) => {
    // Backend path: a reduction (no download of the matrix); JS path: the values it reads anyway.
    const values = concrete === 'newton-schulz' ? undefined : a.dataSync();
    if (values ? !values.every(Number.isFinite) : !allFinite(a)) {
      // NaN/Inf weights: a NaN loss term, which the trainer reports by step and name.
      return { value: tf.scalar(Number.NaN), gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.fill([rows, cols], Number.NaN)) };
    }
    if (concrete === 'newton-schulz') {
      const { value, gradient } = onBackend(quantity, a as tf.Tensor2D);
      save([gradient]);
      return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0]!) };
    }
    const dense = denseMatrix(rows, cols, values!);
    const d = polarDecomposition(dense, {
      method: concrete,
      rankTolerance: defaultRankTolerance(rows, cols, 'float32'),
    });
    let nuclear = 0;
    for (const s of d.sigma) nuclear += s;
    const value = quantity === 'nuclear' ? nuclear : d.frobenius === 0 ? 0 : nuclear / d.frobenius;
    return {
      value: tf.scalar(value),
      // The gradient is built lazily: forward-only evaluations never pay for it.
      gradFunc: (dy: tf.Tensor) => {
        const g = quantity === 'nuclear' ? d.polar : ratioGradient(dense.data, d.polar, nuclear, d.frobenius);
        return tf.mul(dy, tf.tensor2d(Float32Array.from(g), [rows, cols]));
      },
    };
  };
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(tf.reshape(x, [rows, cols])) as tf.Scalar;
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

function onBackend(quantity: Quantity, a: tf.Tensor2D): { value: tf.Scalar; gradient: tf.Tensor } {
  const polar = newtonSchulzPolar(a);
  const nuclear = sum2d(tf.mul(polar, a));
  if (quantity === 'nuclear') return { value: nuclear, gradient: polar };
  // A floor on F keeps the zero matrix at value 0 and gradient 0 (polar is 0 there).
  const f = tf.maximum(tf.sqrt(sum2d(tf.square(a))), 1e-30);
  const value = tf.div(nuclear, f) as tf.Scalar;
  // N / F / F / F rather than N / F³: F³ may underflow float32 where F does not.
  const gradient = tf.sub(tf.div(polar, f), tf.mul(tf.div(tf.div(value, f), f), a));
  return { value, gradient };
}
