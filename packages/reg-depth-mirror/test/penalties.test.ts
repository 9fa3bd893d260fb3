import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container as rootContainer } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, PluginRegistry, resolveConfig, type Penalty, type TrainableModel } from '@rankbias/core';
import { conformanceConfig, conformanceContainer, conformanceModel, trainWithRecords } from '@rankbias/core/testing';
import {
  depthMirrorPenalty,
  depthMirrorRatio,
  l2Penalty,
  nuclearNorm,
  nuclearPenalty,
  register,
} from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ctx = () => ({ container: rootContainer.createChildContainer(), rng: createRng(1), seed: 1, backend: 'cpu' });

describe('register', () => {
  it('registers depth-mirror, nuclear and l2 under this package', () => {
    const container = rootContainer.createChildContainer();
    register(container);
    const registry = new PluginRegistry(container);
    expect(registry.names('penalty')).toEqual(['depth-mirror', 'l2', 'nuclear']);
    for (const f of registry.list({ kind: 'penalty' })) expect(f.package).toBe('@rankbias/reg-depth-mirror');
  });

  it('validates options: defaults, unknown keys and bad methods are reported', () => {
    expect(depthMirrorPenalty.options.parse({})).toEqual({ method: 'auto' });
    expect(() => depthMirrorPenalty.options.parse({ method: 'svd' })).toThrow(/method/);
    expect(() => l2Penalty.options.parse({ factor: 2 })).toThrow(/factor/);
  });
});

describe('penalty values', () => {
  it('sum over the selected weights, each viewed 2-D', async () => {
    const a = tf.randomNormal([6, 4], 0, 1, 'float32', 1);
    const k = tf.randomNormal([3, 3, 2, 5], 0, 1, 'float32', 2);
    const weights = [
      { name: 'a', tensor: a },
      { name: 'conv/kernel', tensor: k },
    ];
    const flatK = tf.reshape(k, [18, 5]);
    const cases: [Penalty, number][] = [
      [await depthMirrorPenalty.create({ method: 'auto' }, ctx()), depthMirrorRatio(a) + depthMirrorRatio(flatK)],
      [await nuclearPenalty.create({ method: 'jacobi' }, ctx()), nuclearNorm(a) + nuclearNorm(flatK)],
      [await l2Penalty.create({}, ctx()), [...a.dataSync(), ...k.dataSync()].reduce((s, x) => s + x * x, 0)],
    ];
    for (const [penalty, expected] of cases) {
      const v = penalty.value(weights);
      expect(v.dataSync()[0]).toBeCloseTo(expected, 3);
      v.dispose();
    }
    const none = (await depthMirrorPenalty.create({ method: 'auto' }, ctx())).value([]);
    expect(none.dataSync()[0]).toBe(0);
    tf.dispose([a, k, flatK, none]);
  });
});

describe('depth-mirror in the trainer on an end-to-end product', () => {
  it('penalises the selected effective weight: logged term = weight · R(W2 W1) at the start', async () => {
    const container = conformanceContainer(depthMirrorPenalty);
    const raw = conformanceConfig(
      [{ use: 'depth-mirror', weight: 0.1, select: ['conformance/end-to-end'], method: 'gram' }],
      2,
    );
    expect(resolveConfig(raw, new PluginRegistry(container)).penalties[0]!.options).toEqual({ method: 'gram' });
    const { result, records } = await trainWithRecords(container, raw, 'cpu');
    expect(result.status).toBe('completed');
    // Rebuild the initial model independently (its initialisers are seeded from the config seed).
    const model = (await conformanceModel.create({}, { ...ctx(), seed: 3 })) as TrainableModel;
    const product = tf.tidy(() => model.effectiveWeights!()[0]!.tensor);
    expect(records[0]!.values['penalty/depth-mirror']).toBeCloseTo(0.1 * depthMirrorRatio(product), 5);
    product.dispose();
    model.dispose();
  });

  it('a select that matches nothing is a clear config error', async () => {
    const container = conformanceContainer(depthMirrorPenalty);
    const raw = conformanceConfig([{ use: 'depth-mirror', weight: 0.1, select: ['nope/*'] }], 1);
    await expect(trainWithRecords(container, raw, 'cpu')).rejects.toThrow(/select \[nope\/\*\] matches no weight/);
  });
});
