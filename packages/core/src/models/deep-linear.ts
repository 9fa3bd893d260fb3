import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';
import type { DatasetInfo } from '../contracts/dataset.js';
import type { NamedTensor } from '../contracts/named-tensor.js';
import { fromLayersModel } from './from-layers-model.js';
import type { Rng } from '../rng/rng.js';
import { withSeededMathRandom } from '../rng/seeded-math.js';
import { datasetInfoOf, featureCount, requireDenseInput } from './context.js';
import { initScaleSchema, normalValues, setLayerValues } from './init.js';

/** Name of the end-to-end product among a deep linear model's effective weights. */
export const END_TO_END = 'end-to-end';

export const deepLinearOptionsSchema = z.strictObject({
  /** Number of linear factors D (1 = a single matrix). */
  depth: z.number().int().positive().default(3),
  /** Width of the hidden factors; default: the input size. */
  width: z.number().int().positive().optional(),
  /**
   * Scale s of the end-to-end product: factor i ~ N(0, (s^{1/D} / sqrt(fan_in_i))²), so
   * ‖W_e‖_F ≈ s·sqrt(N) for N×N factors (Arora et al.); `default` = Glorot uniform.
   */
  initScale: initScaleSchema.default('default'),
  bias: z.boolean().default(false),
});
export type DeepLinearOptions = z.output<typeof deepLinearOptionsSchema>;

/** Layer names of a depth-D chain: `hidden_0 … hidden_{D-2}`, then `output`. */
export function deepLinearLayerNames(depth: number): string[] {
  return Array.from({ length: depth }, (_, i) => (i === depth - 1 ? 'output' : `hidden_${i}`));
}

/** A chain of D dense layers with no nonlinearity between them. */
export function buildDeepLinear(options: DeepLinearOptions, info: DatasetInfo, rng: Rng): tfl.LayersModel {
  const inputShape = [...info.inputShape];
  const inputs = featureCount(inputShape);
  const width = options.width ?? inputs;
  const model = tfl.sequential({ name: 'deep_linear' });
  if (inputShape.length > 1) model.add(tfl.layers.flatten({ inputShape, name: 'flatten' }));
  const names = deepLinearLayerNames(options.depth);
  names.forEach((name, i) => {
    const units = i === options.depth - 1 ? info.outputSize : width;
    const fanIn = i === 0 ? inputs : width;
    const layer = tfl.layers.dense({
      units,
      useBias: options.bias,
      name,
      ...(i === 0 && inputShape.length === 1 ? { inputShape } : {}),
    });
    model.add(layer);
    if (options.initScale !== 'default') {
      const std = options.initScale ** (1 / options.depth) / Math.sqrt(fanIn);
      const values = [normalValues(rng, fanIn * units, std)];
      if (options.bias) values.push(new Float32Array(units));
      setLayerValues(layer, values);
    }
  });
  return model;
}

/**
 * The end-to-end matrix K_0 K_1 ⋯ K_{D-1} of shape [inputs, outputs] (tfjs'
 * row convention; its transpose is W_e = W_D ⋯ W_1). Differentiable.
 */
export function endToEnd(model: tfl.LayersModel, depth: number): tf.Tensor2D {
  const kernels = deepLinearLayerNames(depth).map((n) => model.getLayer(n).weights[0]!.read() as tf.Tensor2D);
  // A copy at depth 1: callers dispose the result, which must never be the variable itself.
  if (kernels.length === 1) return tf.clone(kernels[0]!);
  return kernels.slice(1).reduce((acc, k) => tf.matMul(acc, k), kernels[0]!);
}

export const deepLinearPlugin = definePlugin({
  kind: 'model',
  name: 'deep-linear',
  description:
    'Deep linear network: a product of D linear factors (layers hidden_i, output) with an init scale; effective weight "end-to-end"',
  options: deepLinearOptionsSchema,
  create(options, ctx) {
    const info = datasetInfoOf(ctx, 'deep-linear');
    requireDenseInput(info, 'deep-linear');
    const model = withSeededMathRandom(ctx.rng, () => buildDeepLinear(options, info, ctx.rng));
    return fromLayersModel(model, {
      effectiveWeights: (): NamedTensor[] => [{ name: END_TO_END, tensor: endToEnd(model, options.depth) }],
    });
  },
});
