import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Rng } from '../rng/rng.js';
import { z } from 'zod';

/** `default`: tfjs' Glorot-uniform initialiser; a number: the standard deviation of a normal initialiser. */
export const initScaleSchema = z.union([z.number().positive(), z.literal('default')]);
export type InitScale = z.output<typeof initScaleSchema>;

/** `count` draws from N(0, std²). */
export function normalValues(rng: Rng, count: number, std: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal() * std;
  return out;
}

/** `count` values ±magnitude with fair random signs. */
export function signValues(rng: Rng, count: number, magnitude: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.next() < 0.5 ? -magnitude : magnitude;
  return out;
}

/** The current values of a layer's weights (kernel first), as plain arrays. */
export function layerValues(layer: tfl.layers.Layer): Float32Array[] {
  return layer.getWeights().map((w) => w.dataSync() as Float32Array);
}

/** Replaces a layer's weights by `values` (same order and shapes as `layer.getWeights()`). */
export function setLayerValues(layer: tfl.layers.Layer, values: readonly Float32Array[]): void {
  const shapes = layer.getWeights().map((w) => w.shape);
  const tensors = values.map((v, i) => tf.tensor(v, shapes[i]));
  layer.setWeights(tensors);
  tf.dispose(tensors);
}
