import * as tf from '@tensorflow/tfjs-core';

/**
 * Order in which to multiply a chain of matrices with the fewest flops
 * (classic matrix-chain dynamic programme). `dims` has length d + 1: factor i
 * is `dims[i] x dims[i + 1]`. Returns the split table.
 */
function chainTables(dims: readonly number[]): { cost: number[][]; split: number[][] } {
  const n = dims.length - 1;
  const cost: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const split: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let len = 2; len <= n; len++) {
    for (let i = 0; i + len - 1 < n; i++) {
      const j = i + len - 1;
      cost[i]![j] = Infinity;
      for (let k = i; k < j; k++) {
        const c = cost[i]![k]! + cost[k + 1]![j]! + dims[i]! * dims[k + 1]! * dims[j + 1]!;
        if (c < cost[i]![j]!) {
          cost[i]![j] = c;
          split[i]![j] = k;
        }
      }
    }
  }
  return { cost, split };
}

/** Multiply-adds of the cheapest order for a chain with side widths `dims`. */
export function chainProductCost(dims: readonly number[]): number {
  if (dims.length <= 2) return 0;
  return chainTables(dims).cost[0]![dims.length - 2]!;
}

/**
 * Product W_1 W_2 ... W_d of 2-D kernels in tfjs' row-vector convention
 * (`y = x W`), multiplied in the cheapest order. Differentiable.
 */
export function multiplyChain(kernels: readonly tf.Tensor2D[]): tf.Tensor2D {
  if (kernels.length === 0) throw new Error('multiplyChain: empty chain');
  if (kernels.length === 1) return kernels[0]!;
  const dims = [kernels[0]!.shape[0], ...kernels.map((k) => k.shape[1])];
  const { split } = chainTables(dims);
  const product = (i: number, j: number): tf.Tensor2D =>
    i === j ? kernels[i]! : tf.matMul(product(i, split[i]![j]!), product(split[i]![j]! + 1, j));
  return product(0, kernels.length - 1);
}

/**
 * Effective kernel and bias of the affine chain
 * `x -> (...((x W_1 + b_1) W_2 + b_2) ...) W_d + b_d`:
 * `W = W_1 ... W_d`, `b = (...(b_1 W_2 + b_2) W_3 ...) W_d + b_d`.
 * Biases may be null (absent). Differentiable.
 */
export function composeDense(
  kernels: readonly tf.Tensor2D[],
  biases: readonly (tf.Tensor1D | null)[],
): { kernel: tf.Tensor2D; bias: tf.Tensor1D | null } {
  const kernel = multiplyChain(kernels);
  let bias: tf.Tensor1D | null = null;
  kernels.forEach((w, i) => {
    if (bias && i > 0) bias = tf.squeeze(tf.matMul(tf.expandDims(bias, 0) as tf.Tensor2D, w), [0]) as tf.Tensor1D;
    const own = biases[i] ?? null;
    if (own) bias = bias ? (tf.add(bias, own) as tf.Tensor1D) : own;
  });
  return { kernel, bias };
}
