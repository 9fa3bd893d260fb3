import * as tf from '@tensorflow/tfjs-core';

/**
 * Full 2-D convolution of two conv kernels in tfjs layout `[kh, kw, in, out]`:
 * the kernel of "conv with `a`, then conv with `b`" (stride 1, no padding in
 * between): `K[u, v, c, o] = sum_{p+q=u, r+s=v} sum_h a[p, r, c, h] b[q, s, h, o]`,
 * of size `(ka + kb - 1)` per axis. Differentiable, built from matmul, slice
 * and pad only (kernels every backend can differentiate).
 */
export function composeConvKernels(a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D {
  const [ah, aw, c, h] = a.shape;
  const [bh, bw, h2, o] = b.shape;
  if (h !== h2) throw new Error(`composeConvKernels: channel mismatch (${h} vs ${h2})`);
  const aFlat = tf.reshape(a, [ah * aw * c, h]) as tf.Tensor2D;
  if (bh === 1 && bw === 1) return tf.reshape(tf.matMul(aFlat, tf.reshape(b, [h, o]) as tf.Tensor2D), [ah, aw, c, o]);
  // [h, bh*bw*o]: one matmul gives a(p,r) x b(q,s) for all offset pairs.
  const bFlat = tf.reshape(tf.transpose(b, [2, 0, 1, 3]), [h, bh * bw * o]) as tf.Tensor2D;
  const products = tf.reshape(tf.matMul(aFlat, bFlat), [ah, aw, c, bh * bw, o]);
  const parts = tf.unstack(products, 3);
  const shifted = parts.map((part, idx) => {
    const q = Math.floor(idx / bw);
    const s = idx % bw;
    return tf.pad(part, [
      [q, bh - 1 - q],
      [s, bw - 1 - s],
      [0, 0],
      [0, 0],
    ]);
  });
  return (shifted.length === 1 ? shifted[0]! : tf.addN(shifted)) as tf.Tensor4D;
}

/**
 * Effective kernel and bias of a chain of convolutions applied one after
 * another (only the first may pad, only the last may stride): the kernels
 * compose by full convolution; a bias `b` before kernel `k` reaches the
 * output as `b · sum_{spatial} k`, exact because nothing pads in between.
 */
export function composeConv(
  kernels: readonly tf.Tensor4D[],
  biases: readonly (tf.Tensor1D | null)[],
): { kernel: tf.Tensor4D; bias: tf.Tensor1D | null } {
  if (kernels.length === 0) throw new Error('composeConv: empty chain');
  let kernel = kernels[0]!;
  let bias: tf.Tensor1D | null = biases[0] ?? null;
  for (let i = 1; i < kernels.length; i++) {
    const next = kernels[i]!;
    kernel = composeConvKernels(kernel, next);
    if (bias) {
      const spatialSum = tf.sum(next, [0, 1]) as tf.Tensor2D; // [h, o]
      bias = tf.squeeze(tf.matMul(tf.expandDims(bias, 0) as tf.Tensor2D, spatialSum), [0]) as tf.Tensor1D;
    }
    const own = biases[i] ?? null;
    if (own) bias = bias ? (tf.add(bias, own) as tf.Tensor1D) : own;
  }
  return { kernel, bias };
}
