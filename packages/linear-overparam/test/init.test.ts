import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExpandedLayerBase, overparameterize } from '../src/index.js';
import { useCpu } from './support.js';

beforeAll(useCpu);

function std(t: tf.Tensor): number {
  return tf.tidy(() => tf.sqrt(tf.moments(t).variance)).dataSync()[0]!;
}

/** Sample std within 5% of `expected`. */
function expectStd(t: tf.Tensor, expected: number): void {
  expect(Math.abs(std(t) / expected - 1)).toBeLessThan(0.05);
}

function maxAbs(t: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(t))).dataSync()[0]!;
}

describe('reference initialisation', () => {
  it('dense: He-normal with fan-in, gain 1 inside and the activation gain last; biases U(±1/sqrt(fan_in))', () => {
    const base = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [300], units: 120, activation: 'relu' })] });
    const layer = overparameterize(base, { depth: 3, expansion: 2 }).layers[0] as ExpandedLayerBase;
    const [w1, w2, w3] = layer.factorKernels().map((v) => v.read());
    expectStd(w1!, 1 / Math.sqrt(300));
    expectStd(w2!, 1 / Math.sqrt(240));
    expectStd(w3!, Math.SQRT2 / Math.sqrt(240));
    const b1 = layer.weights.find((w) => w.originalName.endsWith('factor_1/bias'))!.read();
    expect(maxAbs(b1)).toBeLessThanOrEqual(1 / Math.sqrt(300));
    expect(maxAbs(b1)).toBeGreaterThan(0.8 / Math.sqrt(300));
  });

  it('conv: He-normal with fan-out (out·k·k); the gain comes from a following ReLU/LeakyReLU layer', () => {
    const make = (act: tfl.layers.Layer) =>
      tfl.sequential({
        layers: [
          tfl.layers.conv2d({ inputShape: [5, 5, 16], filters: 32, kernelSize: 3, name: 'c' }),
          act,
          tfl.layers.flatten(),
          tfl.layers.dense({ units: 2, name: 'out' }),
        ],
      });
    const relu = overparameterize(make(tfl.layers.reLU()), { depth: 2, expansion: 2 });
    const conv = relu.getLayer('c') as ExpandedLayerBase;
    const [k1, k2] = conv.factorKernels().map((v) => v.read());
    expectStd(k1!, 1 / Math.sqrt(64 * 9));
    expectStd(k2!, Math.SQRT2 / Math.sqrt(32));
    expect(conv.lastGain).toBeCloseTo(Math.SQRT2, 10);
    expect((relu.getLayer('out') as ExpandedLayerBase).lastGain).toBe(1);
    const leaky = overparameterize(make(tfl.layers.leakyReLU({ alpha: 0.5 })), { depth: 2 });
    expect((leaky.getLayer('c') as ExpandedLayerBase).lastGain).toBeCloseTo(Math.sqrt(2 / 1.25), 10);
    const forced = overparameterize(make(tfl.layers.reLU()), { depth: 2, lastGain: 3 });
    expect((forced.getLayer('c') as ExpandedLayerBase).lastGain).toBe(3);
  });
});
