import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { CPU_ACCESS, type MemoryAccess, registerKernelsOnce, WASM_ACCESS } from '@rankbias/core';

/**
 * One kernel for Adam's per-parameter update on the backends whose tensors
 * live in JS-visible memory (`cpu`, `wasm`): from the gradient g, the moments
 * μ, ν and the bias corrections c₁ = 1−β₁ᵗ, c₂ = 1−β₂ᵗ it returns
 * μ' = β₁μ + (1−β₁)g, ν' = β₂ν + (1−β₂)g² and u = (μ'/c₁) / (√(ν'/c₂) + ε) in
 * one pass, where the composed tfjs ops take 12 kernels per parameter. Each
 * operation is rounded to float32 in the composed ops' order (+, ×, ÷ and √
 * in double precision rounded once to float32 are the float32 results), and
 * the corrections come in from the backend's own `pow`, so both routes give
 * the same numbers bit for bit.
 */
export const ADAM_MOMENTS = 'RankbiasAdamMoments';

/** The kernel's attributes. */
export interface AdamMomentsAttrs {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

const f32 = Math.fround;

function adamMomentsWith(access: MemoryAccess): KernelFunc {
  return ({ inputs, backend: anyBackend, attrs }) => {
    const backend = anyBackend as KernelBackend;
    const { g, mu, nu, c1: c1Tensor, c2: c2Tensor } = inputs as Record<'g' | 'mu' | 'nu' | 'c1' | 'c2', TensorInfo>;
    const { beta1, beta2, eps } = attrs as unknown as AdamMomentsAttrs;
    // Outputs first: allocating on the wasm heap can move it, which invalidates earlier views.
    const outMu = access.output(backend, g);
    const outNu = access.output(backend, g);
    const outUpdate = access.output(backend, g);
    const gv = access.values(backend, g);
    const muv = access.values(backend, mu);
    const nuv = access.values(backend, nu);
    const c1 = access.values(backend, c1Tensor)[0]!;
    const c2 = access.values(backend, c2Tensor)[0]!;
    // As the composed ops: tf.mul(x, β) with β a float32 scalar, tf.mul(g, 1 − β) with 1 − β computed in double.
    const b1 = f32(beta1);
    const b2 = f32(beta2);
    const oneMinusB1 = f32(1 - beta1);
    const oneMinusB2 = f32(1 - beta2);
    const e = f32(eps);
    const m = outMu.values;
    const v = outNu.values;
    const u = outUpdate.values;
    // Four lanes at a time where the backend's memory takes SIMD loops (the same IEEE float32 operations); the
    // JS loop finishes the tail.
    const loops = access.simd?.(backend);
    let start = 0;
    if (loops) {
      start = m.length & ~3;
      loops.adamMoments(
        gv.byteOffset,
        muv.byteOffset,
        nuv.byteOffset,
        m.byteOffset,
        v.byteOffset,
        u.byteOffset,
        start,
        b1,
        b2,
        oneMinusB1,
        oneMinusB2,
        f32(c1),
        f32(c2),
        e,
      );
    }
    for (let i = start; i < m.length; i++) {
      const gi = gv[i]!;
      const mi = f32(f32(muv[i]! * b1) + f32(gi * oneMinusB1));
      const vi = f32(f32(nuv[i]! * b2) + f32(f32(gi * gi) * oneMinusB2));
      m[i] = mi;
      v[i] = vi;
      u[i] = f32(f32(mi / c1) / f32(f32(Math.sqrt(f32(vi / c2))) + e));
    }
    return [outMu.info, outNu.info, outUpdate.info];
  };
}

const CONFIGS: KernelConfig[] = [
  { kernelName: ADAM_MOMENTS, backendName: 'cpu', kernelFunc: adamMomentsWith(CPU_ACCESS) },
  { kernelName: ADAM_MOMENTS, backendName: 'wasm', kernelFunc: adamMomentsWith(WASM_ACCESS) },
];

/** Registers the kernel for cpu and wasm (once per tfjs instance). */
export function registerAdamMomentsKernel(): void {
  registerKernelsOnce(CONFIGS);
}

/** Whether the active backend runs the fused kernel (cpu, wasm) for a float32 parameter. */
export function hasAdamMomentsKernel(dtype: string): boolean {
  return dtype === 'float32' && tf.getKernel(ADAM_MOMENTS, tf.getBackend()) !== undefined;
}

/**
 * μ', ν' and the update u of one parameter by the fused kernel (see `ADAM_MOMENTS`);
 * `c1`, `c2` are the float32 scalars 1 − β₁ᵗ and 1 − β₂ᵗ.
 */
export function adamMoments(
  g: tf.Tensor,
  mu: tf.Tensor,
  nu: tf.Tensor,
  corrections: { c1: tf.Scalar; c2: tf.Scalar },
  attrs: AdamMomentsAttrs,
): { mu: tf.Tensor; nu: tf.Tensor; update: tf.Tensor } {
  const [nextMu, nextNu, update] = tf
    .engine()
    .runKernel(ADAM_MOMENTS, { g, mu, nu, ...corrections }, attrs as unknown as NamedAttrMap) as tf.Tensor[];
  return { mu: nextMu!, nu: nextNu!, update: update! };
}
