import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';
import type { DatasetInfo } from '../contracts/dataset.js';
import { fromLayersModel } from './from-layers-model.js';
import { withSeededMathRandom } from '../rng/seeded-math.js';
import { activationLayer, activationSchema } from './activation.js';
import { datasetInfoOf, requireDenseInput } from './context.js';

export const mlpOptionsSchema = z.strictObject({
  /** Width of each hidden layer, input side first. */
  hidden: z.array(z.number().int().positive()).default([128, 128]),
  activation: activationSchema.default('relu'),
  /** Negative slope when `activation` is `leaky-relu`. */
  alpha: z.number().nonnegative().default(0.1),
  /** Dropout rate after each hidden activation (0 = none). */
  dropout: z.number().min(0).lt(1).default(0),
  /** Batch normalisation between each hidden dense layer and its activation. */
  batchNorm: z.boolean().default(false),
  /** Bias in every dense layer. */
  bias: z.boolean().default(true),
});
export type MlpOptions = z.output<typeof mlpOptionsSchema>;

/**
 * Builds the MLP as a tfjs-layers model with stable layer names:
 * `flatten` (inputs of rank > 1), `hidden_<i>`, `bn_<i>`, `act_<i>`, `dropout_<i>`, `output`.
 * The output layer is linear with `info.outputSize` units (logits).
 */
export function buildMlp(options: MlpOptions, info: DatasetInfo): tfl.LayersModel {
  const model = tfl.sequential({ name: 'mlp' });
  const inputShape = [...info.inputShape];
  if (inputShape.length > 1) model.add(tfl.layers.flatten({ inputShape, name: 'flatten' }));
  options.hidden.forEach((units, i) => {
    const first = i === 0 && inputShape.length === 1;
    model.add(
      tfl.layers.dense({ units, useBias: options.bias, name: `hidden_${i}`, ...(first ? { inputShape } : {}) }),
    );
    if (options.batchNorm) model.add(tfl.layers.batchNormalization({ name: `bn_${i}` }));
    model.add(activationLayer(options.activation, `act_${i}`, options.alpha));
    if (options.dropout > 0) model.add(tfl.layers.dropout({ rate: options.dropout, name: `dropout_${i}` }));
  });
  const firstLayer = options.hidden.length === 0 && inputShape.length === 1;
  model.add(
    tfl.layers.dense({
      units: info.outputSize,
      useBias: options.bias,
      name: 'output',
      ...(firstLayer ? { inputShape } : {}),
    }),
  );
  return model;
}

export const mlpPlugin = definePlugin({
  kind: 'model',
  name: 'mlp',
  description:
    'Multilayer perceptron: dense hidden layers (optional batch norm, dropout) and a linear output sized from the data',
  options: mlpOptionsSchema,
  create(options, ctx) {
    const info = datasetInfoOf(ctx, 'mlp');
    requireDenseInput(info, 'mlp');
    return fromLayersModel(withSeededMathRandom(ctx.rng, () => buildMlp(options, info)));
  },
});
