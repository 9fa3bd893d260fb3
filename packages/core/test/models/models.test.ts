import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import type { DatasetInfo } from '../../src/contracts/dataset.js';
import type { TrainableModel } from '../../src/contracts/model.js';
import type { AnyPluginFactory } from '../../src/registry/registry.js';
import { createRng } from '../../src/rng/rng.js';
import { cnnPlugin } from '../../src/models/cnn.js';
import { deepLinearPlugin } from '../../src/models/deep-linear.js';
import { mlpPlugin } from '../../src/models/mlp.js';
import { twoLayerPlugin } from '../../src/models/two-layer.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function build(
  factory: AnyPluginFactory,
  options: unknown,
  dataset: DatasetInfo,
  seed = 1,
): Promise<TrainableModel> {
  const ctx = { container: container.createChildContainer(), rng: createRng(seed), seed, backend: 'cpu', dataset };
  return (await factory.create(factory.options.parse(options), ctx)) as TrainableModel;
}

const values = (m: TrainableModel, name: string) =>
  Array.from(
    m
      .variables()
      .find((v) => v.name === name)!
      .variable.dataSync(),
  );

const dense = (inputs: number, outputSize: number): DatasetInfo => ({
  task: 'classification',
  inputShape: [inputs],
  outputSize,
});

describe('mlp', () => {
  it('has stable names, an output sized from the data, and seeded weights', async () => {
    const m = await build(mlpPlugin, { hidden: [8, 4] }, dense(5, 3));
    expect(m.trainableVariables().map((v) => v.name)).toEqual([
      'hidden_0/kernel',
      'hidden_0/bias',
      'hidden_1/kernel',
      'hidden_1/bias',
      'output/kernel',
      'output/bias',
    ]);
    const y = m.apply(tf.ones([2, 5]), { training: false });
    expect(y.shape).toEqual([2, 3]);
    const same = await build(mlpPlugin, { hidden: [8, 4] }, dense(5, 3));
    const other = await build(mlpPlugin, { hidden: [8, 4] }, dense(5, 3), 2);
    expect(values(same, 'hidden_0/kernel')).toEqual(values(m, 'hidden_0/kernel'));
    expect(values(other, 'hidden_0/kernel')).not.toEqual(values(m, 'hidden_0/kernel'));
    [m, same, other].forEach((x) => x.dispose());
    y.dispose();
  });

  it('keeps batch-norm statistics out of the trainable variables and flattens image inputs', async () => {
    const m = await build(
      mlpPlugin,
      { hidden: [6], batchNorm: true, dropout: 0.5 },
      {
        task: 'classification',
        inputShape: [2, 3],
        outputSize: 2,
      },
    );
    const all = m.variables().map((v) => v.name);
    const trainable = m.trainableVariables().map((v) => v.name);
    expect(all).toContain('bn_0/moving_mean');
    expect(trainable).not.toContain('bn_0/moving_mean');
    expect(trainable).toContain('bn_0/gamma');
    const y = m.apply(tf.ones([4, 2, 3]), { training: false });
    expect(y.shape).toEqual([4, 2]);
    y.dispose();
    m.dispose();
  });

  it('says what is missing when no dataset info is given', async () => {
    const ctx = { container: container.createChildContainer(), rng: createRng(0), seed: 0, backend: 'cpu' };
    expect(() => mlpPlugin.create(mlpPlugin.options.parse({}), ctx)).toThrow(/needs to know the data.*ctx\.dataset/);
  });
});

describe('cnn', () => {
  it('builds conv blocks and a linear output for image data', async () => {
    const m = await build(
      cnnPlugin,
      { filters: [4, 8], dense: [16] },
      { task: 'classification', inputShape: [8, 8, 1], outputSize: 10 },
    );
    expect(m.trainableVariables().map((v) => v.name)).toEqual([
      'conv_0/kernel',
      'conv_0/bias',
      'conv_1/kernel',
      'conv_1/bias',
      'dense_0/kernel',
      'dense_0/bias',
      'output/kernel',
      'output/bias',
    ]);
    // two 2x2 poolings: 8x8 -> 2x2 with 8 channels = 32 features
    expect(m.variables().find((v) => v.name === 'dense_0/kernel')!.variable.shape).toEqual([32, 16]);
    const y = m.apply(tf.ones([3, 8, 8, 1]), { training: false });
    expect(y.shape).toEqual([3, 10]);
    y.dispose();
    m.dispose();
  });

  it('rejects non-image inputs with the shape it got', async () => {
    const err = await build(cnnPlugin, {}, dense(5, 2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues[0]).toEqual({
      path: 'model',
      message: expect.stringMatching(/\[height, width, channels\].*\[5\]/),
    });
  });
});

describe('two-layer', () => {
  it('draws the first layer from N(0, initScale²) and fixes the second at ±1/√m', async () => {
    const width = 200;
    const m = await build(
      twoLayerPlugin,
      { width, initScale: 0.01, fixedSecondLayer: true, activation: 'leaky-relu', alpha: 0.2 },
      {
        task: 'binary',
        inputShape: [50],
        outputSize: 1,
      },
    );
    const w = values(m, 'hidden/kernel');
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(std).toBeGreaterThan(0.0095);
    expect(std).toBeLessThan(0.0105);
    const a = values(m, 'output/kernel');
    for (const v of a) expect(Math.abs(Math.abs(v) - 1 / Math.sqrt(width))).toBeLessThan(1e-7);
    expect(a.filter((v) => v > 0).length).toBeGreaterThan(70);
    expect(a.filter((v) => v < 0).length).toBeGreaterThan(70);
    expect(m.trainableVariables().map((v) => v.name)).toEqual(['hidden/kernel']);

    // forward pass = Σ_j a_j max(z_j, γ z_j), computed independently
    const x = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 30);
    let expected = 0;
    for (let j = 0; j < width; j++) {
      let z = 0;
      for (let i = 0; i < 50; i++) z += x[i]! * w[i * width + j]!;
      expected += a[j]! * Math.max(z, 0.2 * z);
    }
    const y = m.apply(tf.tensor2d([x]), { training: false });
    expect(y.dataSync()[0]).toBeCloseTo(expected, 5);
    y.dispose();
    m.dispose();
  });

  it('balanced init gives |a_j| = ‖(w_j, b_j)‖ and scaleByWidth divides the std by √m', async () => {
    const width = 400;
    const m = await build(
      twoLayerPlugin,
      { width, initScale: 2, scaleByWidth: true, bias: true, balanced: true },
      {
        task: 'regression',
        inputShape: [5],
        outputSize: 1,
      },
    );
    const w = values(m, 'hidden/kernel');
    const b = values(m, 'hidden/bias');
    const a = values(m, 'output/kernel');
    const std = Math.sqrt([...w, ...b].reduce((s, v) => s + v * v, 0) / (w.length + b.length));
    expect(std).toBeGreaterThan(0.09);
    expect(std).toBeLessThan(0.11);
    for (let j = 0; j < width; j++) {
      let sq = b[j]! ** 2;
      for (let i = 0; i < 5; i++) sq += w[i * width + j]! ** 2;
      expect(Math.abs(a[j]!)).toBeCloseTo(Math.sqrt(sq), 6);
    }
    expect(m.trainableVariables().map((v) => v.name)).toEqual(['hidden/kernel', 'hidden/bias', 'output/kernel']);
    m.dispose();
  });

  it('rejects balanced together with a fixed second layer', () => {
    const r = twoLayerPlugin.options.safeParse({ balanced: true, fixedSecondLayer: true });
    expect(r.success).toBe(false);
  });
});

describe('deep-linear', () => {
  it('end-to-end weight is the product of the factors and the model computes x·W', async () => {
    const m = await build(
      deepLinearPlugin,
      { depth: 3, width: 4 },
      { task: 'regression', inputShape: [3], outputSize: 2 },
    );
    expect(m.trainableVariables().map((v) => v.name)).toEqual(['hidden_0/kernel', 'hidden_1/kernel', 'output/kernel']);
    const [k0, k1, k2] = ['hidden_0/kernel', 'hidden_1/kernel', 'output/kernel'].map((n) => values(m, n));
    const mul = (a: number[], b: number[], n: number, k: number, p: number) => {
      const out = new Array(n * p).fill(0);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < p; j++) for (let t = 0; t < k; t++) out[i * p + j] += a[i * k + t]! * b[t * p + j]!;
      return out;
    };
    const expected = mul(mul(k0!, k1!, 3, 4, 4), k2!, 3, 4, 2);
    const [e2e] = m.effectiveWeights!();
    expect(e2e!.name).toBe('end-to-end');
    expect(e2e!.tensor.shape).toEqual([3, 2]);
    Array.from(e2e!.tensor.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    const x = [0.5, -1, 2];
    const y = m.apply(tf.tensor2d([x]), { training: false }).dataSync();
    for (let j = 0; j < 2; j++)
      expect(y[j]).toBeCloseTo(
        x.reduce((s, v, i) => s + v * expected[i * 2 + j]!, 0),
        5,
      );
    e2e!.tensor.dispose();
    m.dispose();
  });

  it('at depth 1 the end-to-end weight is a copy: disposing it leaves the model usable', async () => {
    const m = await build(deepLinearPlugin, { depth: 1 }, { task: 'regression', inputShape: [3], outputSize: 2 });
    const [e2e] = m.effectiveWeights!();
    expect(Array.from(e2e!.tensor.dataSync())).toEqual(values(m, 'output/kernel'));
    e2e!.tensor.dispose();
    expect(m.apply(tf.tensor2d([[1, 2, 3]]), { training: false }).shape).toEqual([1, 2]);
    m.dispose();
  });

  it('initScale s gives ‖W_e‖_F ≈ s·√N for N×N factors', async () => {
    const N = 64;
    const s = 1e-3;
    const m = await build(
      deepLinearPlugin,
      { depth: 3, initScale: s },
      { task: 'regression', inputShape: [N], outputSize: N },
    );
    const [e2e] = m.effectiveWeights!();
    const fro = Math.sqrt(Array.from(e2e!.tensor.dataSync()).reduce((acc, v) => acc + v * v, 0));
    expect(fro / (s * Math.sqrt(N))).toBeGreaterThan(0.7);
    expect(fro / (s * Math.sqrt(N))).toBeLessThan(1.3);
    e2e!.tensor.dispose();
    m.dispose();
  });

  it('the end-to-end weight is differentiable with respect to every factor', async () => {
    const m = await build(deepLinearPlugin, { depth: 2 }, { task: 'regression', inputShape: [3], outputSize: 3 });
    const vars = m.trainableVariables().map((v) => v.variable);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(m.effectiveWeights!()[0]!.tensor)) as tf.Scalar, vars);
    expect(Object.keys(grads)).toHaveLength(2);
    tf.dispose(Object.values(grads));
    m.dispose();
  });
});
