import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { container } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, PluginRegistry, type PluginContext } from '@rankbias/core';
import { ExpandedLayerBase, register, type LinearOverparameterizer } from '../src/index.js';
import { relativeError, useCpu } from './support.js';

beforeAll(useCpu);

function setup(seed = 1) {
  const child = container.createChildContainer();
  register(child);
  const registry = new PluginRegistry(child);
  const ctx: PluginContext = { container: child, rng: createRng(seed), seed, backend: 'cpu' };
  return { registry, ctx };
}

function base(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [4], units: 3, activation: 'relu', name: 'a' }),
      tfl.layers.dense({ units: 2, name: 'b' }),
    ],
  });
}

async function create(options: unknown, seed = 1): Promise<LinearOverparameterizer> {
  const { registry, ctx } = setup(seed);
  return (await registry.create('overparam', 'linear', options, ctx)) as LinearOverparameterizer;
}

describe("overparam plugin 'linear'", () => {
  it('is registered with a description and package name', () => {
    const { registry } = setup();
    const f = registry.get('overparam', 'linear');
    expect(f.package).toBe('@rankbias/linear-overparam');
    expect(f.description).toMatch(/Dense\/Conv2D/);
  });

  it('expands and collapses per its options', async () => {
    const op = await create({ depth: 3, expansion: 2, layers: ['a'] });
    const model = base();
    const expanded = op.expand(model);
    const a = expanded.getLayer('a') as ExpandedLayerBase;
    expect(a).toBeInstanceOf(ExpandedLayerBase);
    expect(a.innerWidths).toEqual([6, 6]);
    expect(expanded.getLayer('b').getClassName()).toBe('Dense');
    const plain = op.collapse(expanded);
    expect(plain.countParams()).toBe(model.countParams());
    const x = tf.randomNormal([3, 4]);
    expect(relativeError(plain.predict(x) as tf.Tensor, expanded.predict(x) as tf.Tensor)).toBeLessThan(1e-5);
  });

  it('initialises from the plugin rng: same seed, same factors; other seed, other factors', async () => {
    const model = base();
    const first = (await create({ depth: 2 }, 7)).expand(model);
    const again = (await create({ depth: 2 }, 7)).expand(model);
    const other = (await create({ depth: 2 }, 8)).expand(model);
    const w = (m: tfl.LayersModel) => (m.getLayer('a') as ExpandedLayerBase).factorKernels()[0]!.read();
    expect(relativeError(w(again), w(first))).toBe(0);
    expect(relativeError(w(other), w(first))).toBeGreaterThan(0.1);
  });

  it('offers differentiable effective weights', async () => {
    const op = await create({ depth: 3 });
    const expanded = op.expand(base());
    const vars = expanded.trainableWeights.map((v) => v.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(
      () => tf.addN(op.effectiveWeights(expanded).map((n) => tf.sum(tf.square(n.tensor)))) as tf.Scalar,
      vars,
    );
    expect(value.dataSync()[0]).toBeGreaterThan(0);
    const kernelGrads = Object.entries(grads).filter(([name]) => name.includes('/kernel'));
    expect(kernelGrads.length).toBe(6);
    for (const [, g] of kernelGrads) expect(tf.max(tf.abs(g)).dataSync()[0]).toBeGreaterThan(0);
  });

  it('rejects unknown and invalid options with the option named', async () => {
    await expect(create({ depht: 3 })).rejects.toThrow(/depht/);
    await expect(create({ depth: 0 })).rejects.toThrow(/depth/);
    await expect(create({ init: 'orthogonal' })).rejects.toThrow(/init/);
  });
});
