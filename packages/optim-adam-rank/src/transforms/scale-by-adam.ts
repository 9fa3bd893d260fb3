import * as tf from '@tensorflow/tfjs-core';
import { adamMoments, hasAdamMomentsKernel, registerAdamMomentsKernel } from './adam-moments-kernel.js';
import { fusedKernelPays } from '@rankbias/core';
import { stateEntry, type GradientTransformation, type TransformState } from './types.js';

registerAdamMomentsKernel();

export interface ScaleByAdamOptions {
  /** Decay of the first moment (default 0.9). */
  readonly beta1?: number;
  /** Decay of the second moment (default 0.999). */
  readonly beta2?: number;
  /** Added to the root of the second moment (default 1e-8, as PyTorch and Optax). */
  readonly eps?: number;
}

/**
 * Adam's preconditioning: u = m̂ / (sqrt(v̂) + eps) with bias-corrected
 * moments m̂ = m / (1 - β₁ᵗ), v̂ = v / (1 - β₂ᵗ). State: `count`, `mu/<p>`, `nu/<p>`.
 * On cpu and wasm each float32 parameter is one fused kernel
 * (`RankbiasAdamMoments`; on wasm WebAssembly SIMD loops, or without SIMD a JS
 * loop up to 4,096 elements); elsewhere the same arithmetic in tfjs ops.
 */
export function scaleByAdam(options: ScaleByAdamOptions = {}): GradientTransformation {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const eps = options.eps ?? 1e-8;
  for (const [k, v] of Object.entries({ beta1, beta2 })) {
    if (!(v >= 0 && v < 1)) throw new RangeError(`scaleByAdam: ${k} must be in [0, 1), got ${v}`);
  }
  if (!(eps >= 0)) throw new RangeError(`scaleByAdam: eps must be >= 0, got ${eps}`);
  const name = 'scale_by_adam';
  return {
    name,
    init(params) {
      const state: Record<string, tf.Tensor> = { count: tf.scalar(0, 'int32') };
      for (const [p, value] of Object.entries(params)) {
        state[`mu/${p}`] = tf.zerosLike(value);
        state[`nu/${p}`] = tf.zerosLike(value);
      }
      return state;
    },
    update(updates, state) {
      const count = tf.add(stateEntry(state, 'count', name), tf.scalar(1, 'int32')) as tf.Scalar;
      const entries = Object.entries(updates);
      const t = tf.cast(count, 'float32');
      const correction1 = tf.sub(1, tf.pow(tf.scalar(beta1), t));
      const correction2 = tf.sub(1, tf.pow(tf.scalar(beta2), t));
      const next: Record<string, tf.Tensor> = { ...state, count };
      const out: Record<string, tf.Tensor> = {};
      const corrections = { c1: correction1 as tf.Scalar, c2: correction2 as tf.Scalar };
      for (const [p, g] of entries) {
        const mu = stateEntry(state, `mu/${p}`, name);
        const nu = stateEntry(state, `nu/${p}`, name);
        // One kernel where it is the faster route; both routes give the same numbers bit for bit.
        if (hasAdamMomentsKernel(g.dtype) && fusedKernelPays(tf.getBackend(), g.size)) {
          const fused = adamMoments(g, mu, nu, corrections, { beta1, beta2, eps });
          next[`mu/${p}`] = fused.mu;
          next[`nu/${p}`] = fused.nu;
          out[p] = fused.update;
          continue;
        }
        const mu2 = tf.add(tf.mul(mu, beta1), tf.mul(g, 1 - beta1));
        const nu2 = tf.add(tf.mul(nu, beta2), tf.mul(tf.square(g), 1 - beta2));
        next[`mu/${p}`] = mu2;
        next[`nu/${p}`] = nu2;
        out[p] = tf.div(tf.div(mu2, correction1), tf.add(tf.sqrt(tf.div(nu2, correction2)), eps));
      }
      return { updates: out, state: next as TransformState };
    },
  };
}
