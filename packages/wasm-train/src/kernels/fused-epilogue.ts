import type { TensorInfo } from '@tensorflow/tfjs-core';

/** `_FusedMatMul`'s activations the gemm route applies itself (`prelu` takes the XNNPACK route). */
const ACTIVATIONS: Record<string, ((x: number, alpha: number) => number) | null> = {
  linear: null,
  relu: (x) => Math.max(x, 0),
  relu6: (x) => Math.min(Math.max(x, 0), 6),
  leakyrelu: (x, alpha) => (x < 0 ? alpha * x : x),
  elu: (x) => (x >= 0 ? x : Math.exp(x) - 1),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

/** How a bias broadcasts over a `[..., m, n]` product: one value, one per column, or one per element. */
type BiasLayout = 'none' | 'scalar' | 'column' | 'full';

function biasLayout(bias: TensorInfo | undefined, outShape: readonly number[]): BiasLayout | undefined {
  if (bias == null) return 'none';
  if (bias.dtype !== 'float32') return undefined;
  const size = bias.shape.reduce((p, d) => p * d, 1);
  const n = outShape[outShape.length - 1]!;
  if (size === 1) return 'scalar';
  const leadingOnes = bias.shape.slice(0, -1).every((d) => d === 1);
  if (leadingOnes && bias.shape[bias.shape.length - 1] === n) return 'column';
  const sameShape = bias.shape.length === outShape.length && bias.shape.every((d, i) => d === outShape[i]);
  return sameShape ? 'full' : undefined;
}

/** A bias + activation to apply in place after the product, or undefined where the gemm route can't. */
export interface FusedEpilogue {
  apply(out: Float32Array, bias: Float32Array | undefined, n: number): void;
}

/**
 * The epilogue of `_FusedMatMul` (bias, then activation, as tfjs defines it)
 * for these inputs, or undefined when it needs the backend's own kernel
 * (prelu weights, a bias that broadcasts another way, an unknown activation).
 */
export function fusedEpilogue(
  activation: string | undefined,
  leakyreluAlpha: number | undefined,
  bias: TensorInfo | undefined,
  preluWeights: TensorInfo | undefined,
  outShape: readonly number[],
): FusedEpilogue | undefined {
  const name = activation ?? 'linear';
  if (preluWeights != null || !(name in ACTIVATIONS)) return undefined;
  const layout = biasLayout(bias, outShape);
  if (layout === undefined) return undefined;
  const f = ACTIVATIONS[name]!;
  const alpha = leakyreluAlpha ?? 0.2;
  return {
    apply(out, biasValues, n) {
      if (layout === 'scalar') {
        const v = biasValues![0]!;
        for (let i = 0; i < out.length; i++) out[i] = out[i]! + v;
      } else if (layout === 'column') {
        for (let i = 0; i < out.length; i++) out[i] = out[i]! + biasValues![i % n]!;
      } else if (layout === 'full') {
        for (let i = 0; i < out.length; i++) out[i] = out[i]! + biasValues![i]!;
      }
      if (f) for (let i = 0; i < out.length; i++) out[i] = f(out[i]!, alpha);
    },
  };
}
