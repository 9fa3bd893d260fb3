import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { builtinOptimizerPlugins, sgdOptimizerPlugin, tfjsAdamOptimizerPlugin } from '../../src/trainer/index.js';
import { useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

const ctx = () => ({ container: fixtureContainer(), rng: createRng(0), seed: 0, backend: 'cpu' });

/** Applies gradient g = 1 twice to w = 0 and returns w. */
function twoSteps(opt: tf.Optimizer): number {
  const w = tf.variable(tf.scalar(0), true, `w${Math.random()}`);
  for (let i = 0; i < 2; i++) {
    const g = tf.scalar(1);
    opt.applyGradients({ [w.name]: g });
    g.dispose();
  }
  const v = w.dataSync()[0]!;
  w.dispose();
  opt.dispose();
  return v;
}

describe('builtin optimizer plugins', () => {
  beforeAll(useCpu);

  it('are sgd and tfjs-adam', () => {
    expect(builtinOptimizerPlugins.map((p) => [p.kind, p.name])).toEqual([
      ['optimizer', 'sgd'],
      ['optimizer', 'tfjs-adam'],
    ]);
  });

  it('sgd: w -= lr·g; heavy-ball momentum v = m·v + g; nesterov', () => {
    const make = (o: object) => sgdOptimizerPlugin.create(sgdOptimizerPlugin.options.parse(o), ctx()) as tf.Optimizer;
    expect(twoSteps(make({ lr: 0.1 }))).toBeCloseTo(-0.2, 6);
    // v1 = 1, v2 = 0.9 + 1 = 1.9: w = −0.1·(1 + 1.9)
    expect(twoSteps(make({ lr: 0.1, momentum: 0.9 }))).toBeCloseTo(-0.29, 6);
    // nesterov: step uses g + m·v: −0.1·(1.9 + (1 + 0.9·1.9))
    expect(twoSteps(make({ lr: 0.1, momentum: 0.9, nesterov: true }))).toBeCloseTo(-0.1 * (1.9 + 2.71), 5);
    expect(() => make({ lr: 0.1, nesterov: true })).toThrow(/nesterov: true needs momentum > 0/);
  });

  it('tfjs-adam: first step moves every coordinate by lr', () => {
    const opt = tfjsAdamOptimizerPlugin.create(
      tfjsAdamOptimizerPlugin.options.parse({ lr: 0.01 }),
      ctx(),
    ) as tf.Optimizer;
    // with a constant gradient Adam's bias-corrected step is lr each time
    expect(twoSteps(opt)).toBeCloseTo(-0.02, 5);
    expect(tfjsAdamOptimizerPlugin.options.safeParse({ lr: -1 }).success).toBe(false);
  });
});
