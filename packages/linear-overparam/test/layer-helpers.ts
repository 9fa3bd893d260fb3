import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ExpandedLayerBase } from '../src/index.js';

/** Gives every batch-norm weight of an expanded layer a non-trivial value (variance > 0). */
export function randomizeBatchNorm(layer: ExpandedLayerBase, seed: number): void {
  let s = seed;
  const values = layer.weights.map((w, i) => {
    const shape = w.shape as number[];
    if (!w.originalName.includes('/bn_')) return tf.clone(layer.getWeights()[i]!);
    const r = tf.randomUniform(shape, 0.5, 1.5, 'float32', s++);
    return w.originalName.endsWith('moving_mean') || w.originalName.endsWith('beta') ? tf.sub(r, 1) : r;
  });
  layer.setWeights(values);
  tf.dispose(values);
}

/** Output of `layer` in inference mode under `mode`. */
export function forward(
  layer: ExpandedLayerBase,
  x: tf.Tensor,
  mode: 'effective' | 'chain',
  training = false,
): tf.Tensor {
  const saved = layer.mode;
  layer.mode = mode;
  try {
    return layer.apply(x, { training }) as tf.Tensor;
  } finally {
    layer.mode = saved;
  }
}

/** A one-layer model around a base layer, for surgery. */
export function singleLayerModel(layer: tfl.layers.Layer, inputShape: number[]): tfl.LayersModel {
  const input = tfl.input({ shape: inputShape });
  return tfl.model({ inputs: input, outputs: layer.apply(input) as tfl.SymbolicTensor });
}
