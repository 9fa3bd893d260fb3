import * as tf from '@tensorflow/tfjs-core';
import { ExpandedConv2D } from './expanded-conv2d.js';
import type { ExpandedLayerBase } from './expanded-base.js';
import { identityFactorMatrices } from './identity-init.js';

/**
 * Sets an expanded layer so that it computes exactly `baseKernel`/`baseBias`
 * (the weights of the layer it replaces): factors from
 * `identityFactorMatrices`, inner biases zero, batch norm an exact identity
 * in inference mode (γ = 1, β = 0, μ = 0, var = 1 − ε).
 * Conv layers need kernel sizes `[k, 1, …, 1]` and inner widths ≥ filters.
 */
export function startFromBase(layer: ExpandedLayerBase, baseKernel: tf.Tensor, baseBias: tf.Tensor | null): void {
  const values = tf.tidy(() => {
    let matrices: tf.Tensor2D[];
    let toFactor: (m: tf.Tensor2D, i: number) => tf.Tensor;
    if (layer instanceof ExpandedConv2D) {
      const [k, , inC, outC] = baseKernel.shape as [number, number, number, number];
      if (layer.kernelSizes[0] !== k || layer.kernelSizes.slice(1).some((s) => s !== 1)) {
        throw new Error(
          `init 'identity' for conv layer "${layer.name}" needs kernel sizes [${k}, 1, ...]; got ${JSON.stringify(layer.kernelSizes)}`,
        );
      }
      if (Math.min(...layer.innerWidths) < outC) {
        throw new Error(
          `init 'identity' for conv layer "${layer.name}" needs inner widths >= filters (${outC}); got ${JSON.stringify(layer.innerWidths)}`,
        );
      }
      // Treat the k×k×in patch as the input side of a matrix.
      matrices = identityFactorMatrices(tf.reshape(baseKernel, [k * k * inC, outC]) as tf.Tensor2D, layer.innerWidths);
      toFactor = (m, i) => (i === 0 ? tf.reshape(m, [k, k, inC, m.shape[1]]) : tf.reshape(m, [1, 1, ...m.shape]));
    } else {
      matrices = identityFactorMatrices(baseKernel as tf.Tensor2D, layer.innerWidths);
      toFactor = (m) => m;
    }
    const out: Record<string, tf.Tensor> = {};
    const eps = layer.batchNormEpsilon;
    matrices.forEach((m, i) => {
      const width = m.shape[1];
      out[`factor_${i + 1}/kernel`] = toFactor(m, i);
      if (layer.useBias)
        out[`factor_${i + 1}/bias`] = i === matrices.length - 1 && baseBias ? baseBias.clone() : tf.zeros([width]);
      if (layer.batchNorm && i < matrices.length - 1) {
        out[`bn_${i + 1}/gamma`] = tf.ones([width]);
        out[`bn_${i + 1}/beta`] = tf.zeros([width]);
        out[`bn_${i + 1}/moving_mean`] = tf.zeros([width]);
        out[`bn_${i + 1}/moving_variance`] = tf.fill([width], 1 - eps);
      }
    });
    return out;
  });
  if (!layer.useBias && baseBias) {
    tf.dispose(Object.values(values));
    throw new Error(`layer "${layer.name}": the base layer has a bias but the expansion has none`);
  }
  // layer.weights lists trainable weights first: order the values by weight name.
  const prefix = `${layer.name}/`;
  const ordered = layer.weights.map((w) => {
    const local = w.originalName.startsWith(prefix) ? w.originalName.slice(prefix.length) : w.originalName;
    const value = values[local];
    if (!value) throw new Error(`startFromBase: no value for weight "${w.originalName}"`);
    return value;
  });
  layer.setWeights(ordered);
  tf.dispose(Object.values(values));
}
