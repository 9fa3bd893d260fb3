import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { backendMatMulGemm } from '../backend/matmul-gemm.js';
import { denseActivation, denseActivationApplies } from './dense-activation-kernel.js';

/** Backends on which the direct pass is checked to give `model.apply`'s numbers bit for bit (tests). */
const DIRECT_BACKENDS = new Set(['cpu', 'wasm']);

interface WeightedLayer {
  readonly weights: readonly { read(): tf.Variable }[];
}

/**
 * The two-layer net's forward pass as plain tfjs ops on the layers' own
 * variables: x·W (+ b), φ, ·A. tfjs-layers computes the same thing through
 * `fused.matMul`, which reshapes every operand to 3-D and back and saves more
 * tensors for the gradient: about half of a small step's kernels (the
 * teacher–student step of result 3). The products, bias add and activation
 * are the kernels the fused route ends in, in the same order, so on cpu and
 * wasm the outputs and gradients are the same bit for bit (tested, on wasm with
 * and without BLAS);
 * on other backends (tfjs-node's native fused kernel) the layers model runs.
 * On wasm with BLAS products the hidden layer is one kernel
 * (`denseActivation`) unless `fusedHidden` is false, again with the same numbers.
 */
export function directTwoLayerApply(
  model: tfl.LayersModel,
  activation: 'relu' | 'leaky-relu',
  alpha: number,
  features: number,
  { fusedHidden = true }: { fusedHidden?: boolean } = {},
): (x: tf.Tensor, options: { training: boolean }) => tf.Tensor {
  const [kernel, bias] = (model.getLayer('hidden') as unknown as WeightedLayer).weights.map((w) => w.read());
  const [second] = (model.getLayer('output') as unknown as WeightedLayer).weights.map((w) => w.read());
  return (x, options) => {
    if (!DIRECT_BACKENDS.has(tf.getBackend())) return model.apply(x, options) as tf.Tensor;
    return tf.tidy(() => {
      const flat = x.rank === 2 ? x : tf.reshape(x, [x.shape[0]!, features]);
      const a = flat as tf.Tensor2D;
      const b = kernel as tf.Tensor2D;
      if (fusedHidden && denseActivationApplies(a, b)) {
        const hidden = denseActivation(a, b, bias as tf.Tensor1D | undefined, activation, alpha);
        return tf.matMul(hidden, second as tf.Tensor2D);
      }
      // The fused kernel rounds the product, then adds the bias, on cpu and on wasm's BLAS route: there a
      // product and an Add are its numbers. XNNPACK starts the sum from the bias: there keep the fused op.
      const biasAfterProduct = tf.getBackend() === 'cpu' || backendMatMulGemm() !== undefined;
      const pre = !bias
        ? tf.matMul(a, b)
        : biasAfterProduct
          ? tf.add(tf.matMul(a, b), bias)
          : tf.fused.matMul({ a, b, bias });
      const act = activation === 'relu' ? tf.relu(pre) : tf.leakyRelu(pre, alpha);
      return tf.matMul(act as tf.Tensor2D, second as tf.Tensor2D);
    });
  };
}
