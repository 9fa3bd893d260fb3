import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExpandedLayerBase, overparameterize } from '../src/index.js';
import { forward, singleLayerModel } from './layer-helpers.js';
import { relativeError, useCpu } from './support.js';

beforeAll(useCpu);

/** Gradients of sum(out · r) w.r.t. every factor and bias, in `mode`. */
function grads(
  layer: ExpandedLayerBase,
  x: tf.Tensor,
  r: tf.Tensor,
  mode: 'effective' | 'chain',
): Record<string, tf.Tensor> {
  const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(forward(layer, x, mode, true), r)) as tf.Scalar, vars);
  value.dispose();
  return grads;
}

function compare(layer: ExpandedLayerBase, x: tf.Tensor) {
  const out = forward(layer, x, 'chain');
  const r = tf.randomNormal(out.shape, 0, 1, 'float32', 9);
  const a = grads(layer, x, r, 'effective');
  const b = grads(layer, x, r, 'chain');
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  expect(Object.keys(a).length).toBe(layer.trainableWeights.length);
  for (const name of Object.keys(a)) {
    expect(tf.max(tf.abs(b[name]!)).dataSync()[0]).toBeGreaterThan(0);
    expect(relativeError(a[name]!, b[name]!), name).toBeLessThan(1e-4);
  }
}

/** Central finite difference of the loss along one entry of a variable. */
function finiteDifference(
  layer: ExpandedLayerBase,
  x: tf.Tensor,
  r: tf.Tensor,
  v: tf.Variable,
  index: number,
  h = 1e-2,
): number {
  const original = v.dataSync().slice();
  const lossAt = (delta: number) => {
    const values = original.slice();
    values[index]! += delta;
    v.assign(tf.tensor(values, v.shape));
    return tf.tidy(() => tf.sum(tf.mul(forward(layer, x, 'effective'), r)).dataSync()[0]!);
  };
  const d = (lossAt(h) - lossAt(-h)) / (2 * h);
  v.assign(tf.tensor(original, v.shape));
  return d;
}

describe('gradients of the on-the-fly contraction equal those of the explicit chain', () => {
  it.each([1, 2, 4])('ExpandedDense depth %i', (depth) => {
    const base = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [5], units: 4, activation: 'relu' })] });
    const layer = overparameterize(base, { depth, expansion: 1.5 }).layers[0] as ExpandedLayerBase;
    compare(layer, tf.randomNormal([6, 5], 0, 1, 'float32', 3));
  });

  it.each([
    [[3, 1, 1], 1, 'same'],
    [[3, 3], 2, 'valid'],
    [[5, 3, 1], 2, 'same'],
  ] as const)('ExpandedConv2D kernels %j stride %i %s', (kernelSizes, strides, padding) => {
    const k = kernelSizes.reduce((a, b) => a + b, 0) - kernelSizes.length + 1;
    const base = singleLayerModel(tfl.layers.conv2d({ filters: 3, kernelSize: k, strides, padding }), [8, 8, 2]);
    const layer = overparameterize(base, { kernelSizes: [...kernelSizes], expansion: 2 })
      .layers[1] as ExpandedLayerBase;
    compare(layer, tf.randomNormal([2, 8, 8, 2], 0, 1, 'float32', 4));
  });

  it('agrees with central finite differences of the loss', () => {
    const base = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [3], units: 2 })] });
    const layer = overparameterize(base, { depth: 3, expansion: 2 }).layers[0] as ExpandedLayerBase;
    const x = tf.randomNormal([4, 3], 0, 1, 'float32', 1);
    const r = tf.randomNormal([4, 2], 0, 1, 'float32', 2);
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(forward(layer, x, 'effective'), r)) as tf.Scalar, vars);
    for (const v of [vars[0]!, vars[2]!, vars[4]!]) {
      const g = grads[v.name]!.dataSync();
      for (const index of [0, 3]) {
        expect(finiteDifference(layer, x, r, v, index)).toBeCloseTo(g[index]!, 2);
      }
    }
  });
});
