import * as tf from '@tensorflow/tfjs-core';
import { container } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, PluginRegistry, resolveConfig } from '@rankbias/core';
import { AdamRank, type AdamWRank, type GDRank, register } from '../src/index.js';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

function registry() {
  const child = container.createChildContainer();
  register(child);
  return new PluginRegistry(child);
}

const ctx = (reg: PluginRegistry) => ({ container: reg.container, rng: createRng(0), seed: 0, backend: 'cpu' });

describe('optimizer plugins', () => {
  it('registers adam, adamw and gd with descriptions and this package', () => {
    const reg = registry();
    expect(reg.names('optimizer')).toEqual(['adam', 'adamw', 'gd']);
    for (const f of reg.list({ kind: 'optimizer' })) {
      expect(f.package).toBe('@rankbias/optim-adam-rank');
      expect(f.description.length).toBeGreaterThan(10);
    }
  });

  it('creates configured optimizers from options', async () => {
    const reg = registry();
    const adam = (await reg.create(
      'optimizer',
      'adam',
      { lr: 0.01, betas: [0.8, 0.99], eps: 1e-6 },
      ctx(reg),
    )) as AdamRank;
    expect(adam).toBeInstanceOf(AdamRank);
    expect(adam.getConfig()).toEqual({ learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 });
    const adamw = (await reg.create(
      'optimizer',
      'adamw',
      { weightDecay: 0.1, weightDecayMask: ['*kernel'] },
      ctx(reg),
    )) as AdamWRank;
    expect(adamw.getConfig()).toMatchObject({ weightDecay: 0.1, weightDecayMask: ['*kernel'], learningRate: 1e-3 });
    const gd = (await reg.create(
      'optimizer',
      'gd',
      { lr: { type: 'cosine', init: 1, decaySteps: 10 }, momentum: 0.9 },
      ctx(reg),
    )) as GDRank;
    expect(gd).toBeInstanceOf(tf.Optimizer);
    expect(gd.getConfig()).toMatchObject({ momentum: 0.9, learningRate: { type: 'cosine', init: 1, decaySteps: 10 } });
  });

  it('config validation names bad options', () => {
    const reg = registry();
    const base = { data: { use: 'd' }, model: { use: 'm' }, train: { steps: 1 } };
    expect(() => resolveConfig({ ...base, optimizer: { use: 'adam', betas: [0.9, 1.5] } }, reg)).toThrow(
      /optimizer\.betas/,
    );
    expect(() => resolveConfig({ ...base, optimizer: { use: 'gd', lr: -1 } }, reg)).toThrow(/optimizer\.lr/);
    expect(() => resolveConfig({ ...base, optimizer: { use: 'adam', learningRate: 0.1 } }, reg)).toThrow(
      /unknown key.*learningRate/,
    );
  });
});
