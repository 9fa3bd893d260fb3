import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  collapse,
  effectiveKernels,
  ExpandedConv2D,
  ExpandedDense,
  ExpandedLayerBase,
  overparameterize,
} from '../src/index.js';
import { randomizeBatchNorm } from './layer-helpers.js';
import { relativeError, useCpu } from './support.js';

beforeAll(useCpu);

function mlp(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [8], units: 6, activation: 'relu', name: 'hidden' }),
      tfl.layers.dropout({ rate: 0.1 }),
      tfl.layers.dense({ units: 3, activation: 'softmax', name: 'logits' }),
    ],
  });
}

/** Functional CNN with a branch and a merge, batch norm and pooling. */
function branchyCnn(): tfl.LayersModel {
  const input = tfl.input({ shape: [8, 8, 2] });
  const a = tfl.layers
    .conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv_a' })
    .apply(input) as tfl.SymbolicTensor;
  const b = tfl.layers.conv2d({ filters: 4, kernelSize: 1, name: 'conv_b' }).apply(input) as tfl.SymbolicTensor;
  const merged = tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor;
  const normed = tfl.layers.batchNormalization({ name: 'bn' }).apply(merged) as tfl.SymbolicTensor;
  const pooled = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(normed) as tfl.SymbolicTensor;
  const c = tfl.layers
    .conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'valid', name: 'conv_c' })
    .apply(pooled) as tfl.SymbolicTensor;
  const flat = tfl.layers.flatten().apply(c) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 2, name: 'head' }).apply(flat) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

function classNames(model: tfl.LayersModel): string[] {
  return model.layers.map((l) => l.getClassName());
}

describe('overparameterize / collapse on a tf.Sequential', () => {
  it('expands every Dense, keeps other layers, and collapses to the base parameter count and outputs', () => {
    const base = mlp();
    const expanded = overparameterize(base, { depth: 3, expansion: 2 });
    expect(classNames(expanded)).toEqual(['rankbias.ExpandedDense', 'Dropout', 'rankbias.ExpandedDense']);
    expect(expanded).toBeInstanceOf(tfl.Sequential);
    expect(expanded.countParams()).toBeGreaterThan(base.countParams());
    const x = tf.randomNormal([5, 8], 0, 1, 'float32', 1);
    const plain = collapse(expanded);
    expect(classNames(plain)).toEqual(['Dense', 'Dropout', 'Dense']);
    expect(plain.countParams()).toBe(base.countParams());
    expect(relativeError(plain.predict(x) as tf.Tensor, expanded.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
    expect(plain.layers.map((l) => l.name)).toEqual(base.layers.map((l) => l.name));
  });

  it("init 'identity' starts exactly at the base model's function", () => {
    const base = mlp();
    const x = tf.randomNormal([5, 8], 0, 1, 'float32', 2);
    for (const opts of [
      { depth: 2, expansion: 1 },
      { depth: 4, expansion: 3 },
      { depth: 3, batchNorm: true },
    ]) {
      const expanded = overparameterize(base, { ...opts, init: 'identity' });
      expect(relativeError(expanded.predict(x) as tf.Tensor, base.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
    }
    // reference init does not
    const fresh = overparameterize(base, { depth: 2 });
    expect(relativeError(fresh.predict(x) as tf.Tensor, base.predict(x) as tf.Tensor)).toBeGreaterThan(1e-2);
  });

  it('selects layers by name glob or predicate and leaves the rest untouched', () => {
    const base = mlp();
    const byGlob = overparameterize(base, { layers: ['hid*'], depth: 2 });
    expect(classNames(byGlob)).toEqual(['rankbias.ExpandedDense', 'Dropout', 'Dense']);
    const logits = byGlob.getLayer('logits').getWeights();
    base
      .getLayer('logits')
      .getWeights()
      .forEach((w, i) => expect(relativeError(logits[i]!, w)).toBe(0));
    const byPredicate = overparameterize(base, { layers: (l) => l.name === 'logits' });
    expect(classNames(byPredicate)).toEqual(['Dense', 'Dropout', 'rankbias.ExpandedDense']);
  });

  it('trains with model.fit and still collapses exactly (batch norm inside, running statistics)', async () => {
    const base = mlp();
    const expanded = overparameterize(base, { depth: 3, batchNorm: true });
    expanded.compile({ optimizer: tf.train.sgd(0.1), loss: 'sparseCategoricalCrossentropy' });
    const x = tf.randomNormal([32, 8], 0, 1, 'float32', 3);
    const y = tf.tensor1d(
      Array.from({ length: 32 }, (_, i) => i % 3),
      'float32',
    );
    const before = (expanded.getLayer('hidden') as ExpandedLayerBase).factorKernels()[0]!.read().dataSync().slice();
    await expanded.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, shuffle: false });
    const after = (expanded.getLayer('hidden') as ExpandedLayerBase).factorKernels()[0]!.read().dataSync();
    expect(Array.from(after)).not.toEqual(Array.from(before));
    const plain = collapse(expanded);
    expect(plain.countParams()).toBe(base.countParams());
    expect(relativeError(plain.predict(x) as tf.Tensor, expanded.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
  });

  it('explains bad requests', () => {
    const base = mlp();
    expect(() => overparameterize(base, { layers: ['nope*'] })).toThrow(
      /\["nope\*"\] selects no expandable layer; layers are: hidden, dropout/,
    );
    expect(() => overparameterize(base, { layers: ['drop*'] })).toThrow(
      /matches only layers that cannot be expanded: dropout\w* \(Dropout\)/,
    );
    // a glob that also matches non-expandable layers expands the expandable ones
    expect(classNames(overparameterize(base, { layers: ['*'] }))).toEqual([
      'rankbias.ExpandedDense',
      'Dropout',
      'rankbias.ExpandedDense',
    ]);
    const dilated = tfl.sequential({
      layers: [tfl.layers.conv2d({ inputShape: [6, 6, 1], filters: 2, kernelSize: 3, dilationRate: 2, name: 'dil' })],
    });
    expect(classNames(overparameterize(dilated))).toEqual(['Conv2D']);
    expect(() => overparameterize(dilated, { layers: ['dil'] })).toThrow(/dil \(dilation rate 2x2\)/);
    expect(() => overparameterize(base, { depth: 0 })).toThrow(/depth must be an integer >= 1/);
    expect(() => overparameterize(base, { widths: [4, 4], depth: 2 })).toThrow(
      /widths has 2 entries but depth 2 needs 1/,
    );
    const noBias = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 2, useBias: false })] });
    expect(() => overparameterize(noBias, { batchNorm: true })).toThrow(/has no bias; batch norm/);
    expect(() => overparameterize(base, { depth: 2, expansion: 0.1, init: 'identity' })).toThrow(
      /init 'identity' needs every inner width/,
    );
  });
});

describe('overparameterize / collapse on a functional model', () => {
  it('rebuilds the graph (branches, merge, batch norm, pooling) and collapses exactly', () => {
    const base = branchyCnn();
    const bn = base.getLayer('bn');
    const stats = bn.getWeights().map((w, i) => tf.randomUniform(w.shape, 0.5, 1.5, 'float32', i));
    bn.setWeights(stats);
    const expanded = overparameterize(base, { depth: 3, expansion: 2 });
    expect(classNames(expanded)).toEqual([
      'InputLayer',
      'rankbias.ExpandedConv2D',
      'rankbias.ExpandedConv2D',
      'Add',
      'BatchNormalization',
      'MaxPooling2D',
      'rankbias.ExpandedConv2D',
      'Flatten',
      'rankbias.ExpandedDense',
    ]);
    // the non-expanded batch norm kept its statistics
    expanded
      .getLayer('bn')
      .getWeights()
      .forEach((w, i) => expect(relativeError(w, stats[i]!)).toBe(0));
    const x = tf.randomNormal([3, 8, 8, 2], 0, 1, 'float32', 4);
    const plain = collapse(expanded);
    expect(plain.countParams()).toBe(base.countParams());
    expect(classNames(plain)).toEqual(classNames(base));
    expect(relativeError(plain.predict(x) as tf.Tensor, expanded.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
    const identity = overparameterize(base, { depth: 2, expansion: 1, init: 'identity' });
    expect(relativeError(identity.predict(x) as tf.Tensor, base.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
  });

  it('exposes the effective kernels under <layer>/effective-kernel, equal to the collapsed weights', () => {
    const expanded = overparameterize(branchyCnn(), { depth: 2, batchNorm: true, layers: ['conv_*'] });
    for (const l of expanded.layers) if (l instanceof ExpandedLayerBase) randomizeBatchNorm(l, 3);
    const named = effectiveKernels(expanded);
    expect(named.map((n) => n.name)).toEqual([
      'conv_a/effective-kernel',
      'conv_b/effective-kernel',
      'conv_c/effective-kernel',
    ]);
    const plain = collapse(expanded);
    for (const { name, tensor } of named) {
      const layerName = name.split('/')[0]!;
      expect(relativeError(tensor, plain.getLayer(layerName).getWeights()[0]!)).toBe(0);
    }
    expect(expanded.getLayer('conv_a')).toBeInstanceOf(ExpandedConv2D);
    expect(expanded.getLayer('head')).not.toBeInstanceOf(ExpandedDense);
  });

  it('does not leak tensors per forward pass in effective mode', () => {
    const expanded = overparameterize(branchyCnn(), { depth: 4 });
    const x = tf.randomNormal([1, 8, 8, 2]);
    tf.dispose(expanded.predict(x) as tf.Tensor);
    const n = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(expanded.predict(x) as tf.Tensor);
    tf.dispose(effectiveKernels(expanded).map((t) => t.tensor));
    expect(tf.memory().numTensors).toBe(n);
  });
});
