import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { container as root } from 'tsyringe';
import {
  createRng,
  fromLayersModel,
  PluginRegistry,
  type Dataset,
  type MetricContext,
  type TrainableModel,
} from '@rankbias/core';
import { register } from '../../src/register.js';

function mlSvd(rows: number[][]): number[] {
  return new SingularValueDecomposition(new MlMatrix(rows), { autoTranspose: true }).diagonal.sort((a, b) => b - a);
}

function erankOf(s: number[]): number {
  const t = s.reduce((a, b) => a + b, 0);
  return Math.exp(-s.filter((v) => v > 0).reduce((a, v) => a + (v / t) * Math.log(v / t), 0));
}

function ctx(model: TrainableModel, dataset?: Dataset): MetricContext {
  return { model, dataset: dataset!, step: 0, evaluate: async () => ({ loss: 0 }) };
}

const registry = () => {
  const c = root.createChildContainer();
  register(c);
  return new PluginRegistry(c);
};

const pluginCtx = () => ({ container: root, rng: createRng(0), seed: 0, backend: 'cpu' });

describe('metric plugins', () => {
  let model: TrainableModel;
  let k1: number[][];
  let k2: number[][];

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const rng = createRng(1);
    k1 = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => rng.normal()));
    k2 = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => rng.normal()));
    const lm = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [5], units: 4, name: 'hidden', activation: 'relu' }),
        tfl.layers.dense({ units: 3, name: 'out', useBias: false }),
      ],
    });
    lm.layers[0]!.setWeights([tf.tensor2d(k1), tf.zeros([4])]);
    lm.layers[1]!.setWeights([tf.tensor2d(k2)]);
    model = fromLayersModel(lm, {
      effectiveWeights: () => [
        { name: 'end-to-end', tensor: tf.matMul(lm.layers[0]!.getWeights()[0]!, lm.layers[1]!.getWeights()[0]!) },
      ],
    });
  });

  it('effective-rank matches an ml-matrix SVD for each weight and the end-to-end product', async () => {
    const m = await registry().create('metric', 'effective-rank', {}, pluginCtx());
    const before = tf.memory().numTensors;
    const out = await m.compute(ctx(model));
    expect(tf.memory().numTensors).toBe(before);
    const prod = k1.map((row) => k2[0]!.map((_, j) => row.reduce((s, v, k) => s + v * k2[k]![j]!, 0)));
    expect(Object.keys(out).sort()).toEqual(
      ['end-to-end', 'hidden/kernel', 'out/kernel'].flatMap((n) => [`entropy/${n}`, `erank/${n}`]).sort(),
    );
    expect(out['erank/hidden/kernel']).toBeCloseTo(erankOf(mlSvd(k1)), 5);
    expect(out['erank/out/kernel']).toBeCloseTo(erankOf(mlSvd(k2)), 5);
    expect(out['erank/end-to-end']).toBeCloseTo(erankOf(mlSvd(prod)), 5);
    expect(out['entropy/out/kernel']).toBeCloseTo(Math.log(erankOf(mlSvd(k2))), 5);
  });

  it('select globs and effective:false restrict the targets', async () => {
    const m = await registry().create('metric', 'stable-rank', { select: ['out/*'], effective: false }, pluginCtx());
    const out = await m.compute(ctx(model));
    const s = mlSvd(k2);
    expect(out).toEqual({ 'stable-rank/out/kernel': expect.closeTo(s.reduce((a, v) => a + v * v, 0) / s[0]! ** 2, 5) });
  });

  it('spectrum reports top singular values, nuclear/Frobenius ratio and numerical rank', async () => {
    const m = await registry().create('metric', 'spectrum', { select: ['hidden/kernel'], top: 2 }, pluginCtx());
    const out = await m.compute(ctx(model));
    const s = mlSvd(k1);
    expect(out['sv/hidden/kernel/0']).toBeCloseTo(s[0]!, 5);
    expect(out['sv/hidden/kernel/1']).toBeCloseTo(s[1]!, 5);
    expect(out['sv/hidden/kernel/2']).toBeUndefined();
    expect(out['rank/hidden/kernel']).toBe(4);
    expect(out['nuc-fro/hidden/kernel']).toBeCloseTo(s.reduce((a, b) => a + b, 0) / Math.hypot(...s), 5);
  });

  it('conv kernels are viewed as [kh*kw*in, out]', async () => {
    const lm = tfl.sequential({
      layers: [tfl.layers.conv2d({ inputShape: [4, 4, 2], filters: 3, kernelSize: 2, name: 'conv' })],
    });
    const kernel = lm.layers[0]!.getWeights()[0]!;
    const flat = (await tf.reshape(kernel, [8, 3]).array()) as number[][];
    const m = await registry().create('metric', 'effective-rank', {}, pluginCtx());
    const out = await m.compute(ctx(fromLayersModel(lm)));
    expect(out['erank/conv/kernel']).toBeCloseTo(erankOf(mlSvd(flat)), 4);
  });

  it('collapse finds a duplicated and a vanished hidden neuron', async () => {
    const lm = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [2], units: 4, name: 'h' }), tfl.layers.dense({ units: 1, name: 'o' })],
    });
    // neurons 0 and 2 identical, neuron 3 vanished, neuron 1 distinct
    lm.layers[0]!.setWeights([
      tf.tensor2d([
        [1, 0, 1, 0],
        [2, 1, 2, 0],
      ]),
      tf.tensor1d([0.5, -1, 0.5, 0]),
    ]);
    lm.layers[1]!.setWeights([tf.tensor2d([[1], [2], [1], [0]]), tf.tensor1d([0])]);
    const m = await registry().create('metric', 'collapse', {}, pluginCtx());
    const out = await m.compute(ctx(fromLayersModel(lm)));
    expect(out).toEqual({
      'collapse/h/vanished': 0.25,
      'collapse/h/duplicates': 1,
      'collapse/h/independent': 0.5,
      'collapse/independent': 0.5,
    });
  });

  it('alignment: neurons along ±direction give |cos| = 1 and two directions', async () => {
    const lm = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [3], units: 4, name: 'h' }), tfl.layers.dense({ units: 1 })],
    });
    lm.layers[0]!.setWeights([
      tf.tensor2d([
        [1, 2, -1, 3],
        [1, 2, -1, 3],
        [0, 0, 0, 0],
      ]),
      tf.zeros([4]),
    ]);
    const m = await registry().create('metric', 'alignment', { direction: [1, 1, 0] }, pluginCtx());
    const out = await m.compute(ctx(fromLayersModel(lm)));
    expect(out['align/cos-abs-mean']).toBeCloseTo(1, 6);
    expect(out['align/cos-mean']).toBeCloseTo(0.5, 6);
    expect(out['align/directions']).toBe(2);
    expect(out['align/pairwise-abs-mean']).toBeCloseTo(1, 6);
    await expect(
      (await registry().create('metric', 'alignment', { direction: [1, 1] }, pluginCtx())).compute(
        ctx(fromLayersModel(lm)),
      ),
    ).rejects.toThrow(/direction has 2 entries/);
  });

  it('embedding-rank measures the activations of a named layer', async () => {
    const lm = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [3], units: 6, name: 'embed', useBias: false }),
        tfl.layers.dense({ units: 2 }),
      ],
    });
    // embedding = x W with W of rank 2: activations have rank <= 2
    const w = [
      [1, 0, 1, 0, 1, 0],
      [0, 1, 0, 1, 0, 1],
      [1, 1, 1, 1, 1, 1],
    ];
    lm.layers[0]!.setWeights([tf.tensor2d(w)]);
    const rng = createRng(3);
    const xs = Array.from({ length: 10 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const dataset: Dataset = {
      name: 'fake',
      task: 'regression',
      inputShape: [3],
      outputSize: 2,
      size: () => xs.length,
      batch: (_s, idx) => ({ x: tf.tensor2d(Array.from(idx, (i) => xs[i]!)), y: tf.zeros([idx.length, 2]) }),
    };
    const m = await registry().create('metric', 'embedding-rank', { layer: 'embed', examples: 8 }, pluginCtx());
    const before = tf.memory().numTensors;
    const out = await m.compute(ctx(fromLayersModel(lm), dataset));
    expect(tf.memory().numTensors).toBe(before);
    const act = xs.slice(0, 8).map((x) => w[0]!.map((_, j) => x.reduce((s, v, k) => s + v * w[k]![j]!, 0)));
    expect(out['embedding-rank/embed']).toBe(2);
    expect(out['embedding-erank/embed']).toBeCloseTo(erankOf(mlSvd(act).slice(0, 2)), 4);
    const bad = await registry().create('metric', 'embedding-rank', { layer: 'nope' }, pluginCtx());
    await expect(bad.compute(ctx(fromLayersModel(lm), dataset))).rejects.toThrow(
      /no layer named "nope"; layers: embed/,
    );
  });
});
