import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { collapse, ExpandedLayerBase, overparameterize } from '../src/index.js';
import { forward, randomizeBatchNorm, singleLayerModel } from './layer-helpers.js';
import { relativeError, useCpu } from './support.js';

beforeAll(useCpu);

const TOL = 1e-5;

interface Case {
  depth: number;
  expansion: number;
  useBias: boolean;
  batchNorm: boolean;
}

function check(base: tfl.LayersModel, x: tf.Tensor, c: Case, kernelSizes?: number[]) {
  const expanded = overparameterize(base, {
    depth: c.depth,
    expansion: c.expansion,
    batchNorm: c.batchNorm,
    kernelSizes,
  });
  const layer = expanded.layers.find((l) => l instanceof ExpandedLayerBase) as ExpandedLayerBase;
  expect(layer.depth).toBe(c.depth);
  if (c.batchNorm) randomizeBatchNorm(layer, 11);
  const plain = collapse(expanded);
  const effective = forward(layer, x, 'effective');
  const chain = forward(layer, x, 'chain');
  const collapsed = plain.predict(x) as tf.Tensor;
  expect(effective.shape).toEqual(chain.shape);
  expect(relativeError(effective, chain)).toBeLessThan(TOL);
  expect(relativeError(collapsed, chain)).toBeLessThan(TOL);
  expect(plain.countParams()).toBe(base.countParams());
  expect(plain.layers.every((l) => !(l instanceof ExpandedLayerBase))).toBe(true);
  tf.dispose([effective, chain, collapsed]);
  expanded.dispose();
  plain.dispose();
}

const denseGrid: Case[] = [];
for (const depth of [1, 2, 3, 4])
  for (const expansion of [0.5, 1, 4])
    for (const [useBias, batchNorm] of [
      [true, false],
      [false, false],
      [true, true],
    ] as const)
      denseGrid.push({ depth, expansion, useBias, batchNorm });

describe('ExpandedDense: effective kernel = explicit chain = collapsed Dense', () => {
  it.each(denseGrid)('depth $depth, expansion $expansion, bias $useBias, bn $batchNorm', (c) => {
    const base = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [6], units: 5, useBias: c.useBias, activation: 'tanh' })],
    });
    check(base, tf.randomNormal([4, 6], 0, 1, 'float32', 1), c);
    base.dispose();
  });
});

interface ConvCase extends Case {
  kernelSizes: number[];
  strides: number;
  padding: 'same' | 'valid';
}

const kernelLists = [[3], [3, 1], [3, 1, 1, 1], [5, 3, 1], [3, 3], [1, 3]];
const convGrid: ConvCase[] = [];
let i = 0;
for (const kernelSizes of kernelLists)
  for (const strides of [1, 2])
    for (const padding of ['same', 'valid'] as const) {
      const expansion = [0.5, 1, 4][i % 3]!;
      const useBias = i % 4 !== 1;
      const batchNorm = useBias && i % 3 === 2 && kernelSizes.length > 1;
      convGrid.push({ kernelSizes, strides, padding, depth: kernelSizes.length, expansion, useBias, batchNorm });
      i++;
    }

describe('ExpandedConv2D: effective kernel = explicit chain = collapsed Conv2D', () => {
  it.each(convGrid)(
    'kernels $kernelSizes, stride $strides, $padding, expansion $expansion, bias $useBias, bn $batchNorm',
    (c) => {
      const k = c.kernelSizes.reduce((a, b) => a + b, 0) - c.kernelSizes.length + 1;
      const base = singleLayerModel(
        tfl.layers.conv2d({
          filters: 3,
          kernelSize: k,
          strides: c.strides,
          padding: c.padding,
          useBias: c.useBias,
          activation: 'relu',
        }),
        [9, 8, 2],
      );
      check(base, tf.randomNormal([2, 9, 8, 2], 0, 1, 'float32', 2), c, c.kernelSizes);
      base.dispose();
    },
  );
});

describe('modes in training', () => {
  it('batch norm in training mode uses batch statistics and updates the running ones', () => {
    const base = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [3], units: 2 })] });
    const expanded = overparameterize(base, { depth: 2, expansion: 2, batchNorm: true });
    const layer = expanded.layers[0] as ExpandedLayerBase;
    const x = tf.add(tf.mul(tf.randomNormal([64, 3], 0, 1, 'float32', 5), 3), 2);
    const meanBefore = layer.weights
      .find((w) => w.originalName.endsWith('moving_mean'))!
      .read()
      .dataSync()
      .slice();
    const trainOut = forward(layer, x, 'effective', true);
    const meanAfter = layer.weights
      .find((w) => w.originalName.endsWith('moving_mean'))!
      .read()
      .dataSync();
    expect(Array.from(meanAfter)).not.toEqual(Array.from(meanBefore));
    // training output is batch-normalised: hidden mean 0 makes output mean equal the last bias plus beta folded
    const inferOut = forward(layer, x, 'effective', false);
    expect(relativeError(trainOut, inferOut)).toBeGreaterThan(1e-3);
  });
});

describe("mode 'auto'", () => {
  it('runs the chain for small dense batches with wide factors, the contracted kernel otherwise', () => {
    const dense = overparameterize(tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [64], units: 64 })] }), {
      depth: 4,
    }).layers[0] as ExpandedLayerBase;
    expect(dense.mode).toBe('auto');
    // chain: 2·64·64·4 multiply-adds; contraction alone: 2·64³
    expect(dense.usesChain([2, 64], false)).toBe(true);
    expect(dense.usesChain([4096, 64], false)).toBe(false);
    const conv = overparameterize(
      singleLayerModel(tfl.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same' }), [28, 28, 16]),
      {
        depth: 4,
        batchNorm: true,
      },
    ).layers[1] as ExpandedLayerBase;
    expect(conv.usesChain([8, 28, 28, 16], false)).toBe(false);
    expect(conv.usesChain([8, 28, 28, 16], true)).toBe(true); // batch statistics need the chain
    // both choices compute the same function
    const x = tf.randomNormal([2, 64], 0, 1, 'float32', 3);
    expect(relativeError(forward(dense, x, 'effective'), dense.apply(x) as tf.Tensor)).toBeLessThan(TOL);
  });
});

describe('ExpandedDense on rank-3 inputs (applied to the last axis, like Dense)', () => {
  it('matches the chain and the collapsed Dense', () => {
    const base = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [3, 4], units: 2 })] });
    const expanded = overparameterize(base, { depth: 3, expansion: 2 });
    const layer = expanded.layers[0] as ExpandedLayerBase;
    const x = tf.randomNormal([5, 3, 4], 0, 1, 'float32', 8);
    const effective = forward(layer, x, 'effective');
    expect(effective.shape).toEqual([5, 3, 2]);
    expect(relativeError(effective, forward(layer, x, 'chain'))).toBeLessThan(TOL);
    expect(relativeError(collapse(expanded).predict(x) as tf.Tensor, effective)).toBeLessThan(TOL);
  });
});
