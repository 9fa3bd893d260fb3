import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '../contracts/named-tensor.js';
import { createRng } from '../rng/rng.js';

/** A weight to test a penalty on: its name and shape (e.g. a conv kernel `[3, 3, 2, 4]`). */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
}

/** A dense kernel, a wide matrix and a conv kernel: the shapes the trainer hands to penalties. */
export const DEFAULT_WEIGHT_SPECS: readonly WeightSpec[] = [
  { name: 'dense/kernel', shape: [6, 4] },
  { name: 'wide/kernel', shape: [3, 7] },
  { name: 'conv/kernel', shape: [3, 3, 2, 4] },
];

/** Seeded N(0, scale²) weights of the given shapes (float32). */
export function randomWeights(specs: readonly WeightSpec[], seed: number, scale = 1): NamedTensor[] {
  const rng = createRng(seed).fork('conformance-weights');
  return specs.map((s) => {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: size }, () => rng.normal() * scale);
    return { name: s.name, tensor: tf.tensor(values, [...s.shape], 'float32') };
  });
}

/** All-zero weights of the given shapes. */
export function zeroWeights(specs: readonly WeightSpec[]): NamedTensor[] {
  return specs.map((s) => ({ name: s.name, tensor: tf.zeros([...s.shape]) }));
}

export function disposeWeights(weights: readonly NamedTensor[]): void {
  tf.dispose(weights.map((w) => w.tensor));
}
