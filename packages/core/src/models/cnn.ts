import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';
import type { DatasetInfo } from '../contracts/dataset.js';
import { fromLayersModel } from './from-layers-model.js';
import { withSeededMathRandom } from '../rng/seeded-math.js';
import { activationLayer, activationSchema } from './activation.js';
import { datasetInfoOf, modelMismatch, requireDenseInput } from './context.js';

export const cnnOptionsSchema = z.strictObject({
  /** Output channels of each 'same'-padded convolution. */
  filters: z.array(z.number().int().positive()).min(1).default([16, 32]),
  kernelSize: z.number().int().positive().default(3),
  /** Max-pooling window after each convolution (1 = no pooling). */
  pool: z.number().int().positive().default(2),
  /** Hidden dense layers after flattening. */
  dense: z.array(z.number().int().positive()).default([64]),
  activation: activationSchema.default('relu'),
  alpha: z.number().nonnegative().default(0.1),
  /** Dropout rate after each hidden dense layer. */
  dropout: z.number().min(0).lt(1).default(0),
});
export type CnnOptions = z.output<typeof cnnOptionsSchema>;

/**
 * A small CNN for `[height, width, channels]` images: `conv_<i>` + `conv_act_<i>`
 * (+ `pool_<i>`) per entry of `filters`, `flatten`, `dense_<i>` + `act_<i>`
 * (+ `dropout_<i>`), and a linear `output` layer with `info.outputSize` units.
 */
export function buildCnn(options: CnnOptions, info: DatasetInfo): tfl.LayersModel {
  if (info.inputShape.length !== 3) {
    throw modelMismatch(
      `model "cnn" needs image inputs [height, width, channels], got input shape [${info.inputShape.join(', ')}] (use mlp for flat inputs)`,
    );
  }
  const model = tfl.sequential({ name: 'cnn' });
  options.filters.forEach((filters, i) => {
    model.add(
      tfl.layers.conv2d({
        filters,
        kernelSize: options.kernelSize,
        padding: 'same',
        name: `conv_${i}`,
        ...(i === 0 ? { inputShape: [...info.inputShape] } : {}),
      }),
    );
    model.add(activationLayer(options.activation, `conv_act_${i}`, options.alpha));
    if (options.pool > 1) model.add(tfl.layers.maxPooling2d({ poolSize: options.pool, name: `pool_${i}` }));
  });
  model.add(tfl.layers.flatten({ name: 'flatten' }));
  options.dense.forEach((units, i) => {
    model.add(tfl.layers.dense({ units, name: `dense_${i}` }));
    model.add(activationLayer(options.activation, `act_${i}`, options.alpha));
    if (options.dropout > 0) model.add(tfl.layers.dropout({ rate: options.dropout, name: `dropout_${i}` }));
  });
  model.add(tfl.layers.dense({ units: info.outputSize, name: 'output' }));
  return model;
}

export const cnnPlugin = definePlugin({
  kind: 'model',
  name: 'cnn',
  description:
    'Small convolutional net: conv (+ max pool) blocks, dense layers and a linear output sized from the data',
  options: cnnOptionsSchema,
  create(options, ctx) {
    const info = datasetInfoOf(ctx, 'cnn');
    requireDenseInput(info, 'cnn');
    return fromLayersModel(withSeededMathRandom(ctx.rng, () => buildCnn(options, info)));
  },
});
