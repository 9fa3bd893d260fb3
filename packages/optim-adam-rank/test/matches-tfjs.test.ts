import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamRank, GDRank } from '../src/index.js';
import { makeProblem, maxAbsDiff, useCpu } from './helpers.js';

beforeAll(useCpu);

function runSideBySide(ours: tf.Optimizer, reference: tf.Optimizer, steps: number): number {
  const a = makeProblem();
  const b = makeProblem();
  expect(a.values()).toEqual(b.values());
  let worst = 0;
  for (let s = 0; s < steps; s++) {
    ours.minimize(a.loss, false, a.vars);
    reference.minimize(b.loss, false, b.vars);
    worst = Math.max(worst, maxAbsDiff(a.values(), b.values()));
  }
  const moved = maxAbsDiff(a.values(), makeProblem().values());
  expect(moved).toBeGreaterThan(0.05); // the optimisers really moved the weights
  a.dispose();
  b.dispose();
  return worst;
}

describe('adapter vs tfjs built-in optimizers (penalty off)', () => {
  it('AdamRank matches tf.train.adam step for step over 200 steps', () => {
    const worst = runSideBySide(
      new AdamRank({ learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }),
      tf.train.adam(0.01, 0.9, 0.999, 1e-7),
      200,
    );
    expect(worst).toBeLessThan(1e-5);
  });

  it('AdamRank matches tf.train.adam with non-default betas and eps', () => {
    const worst = runSideBySide(
      new AdamRank({ learningRate: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 }),
      tf.train.adam(0.05, 0.5, 0.9, 1e-3),
      100,
    );
    expect(worst).toBeLessThan(1e-5);
  });

  it('GDRank without momentum matches tf.train.sgd', () => {
    const worst = runSideBySide(new GDRank({ learningRate: 0.1 }), tf.train.sgd(0.1), 100);
    expect(worst).toBeLessThan(1e-5);
  });

  it('GDRank with momentum matches tf.train.momentum (heavy ball and Nesterov)', () => {
    expect(
      runSideBySide(new GDRank({ learningRate: 0.05, momentum: 0.9 }), tf.train.momentum(0.05, 0.9), 100),
    ).toBeLessThan(1e-5);
    expect(
      runSideBySide(
        new GDRank({ learningRate: 0.05, momentum: 0.9, nesterov: true }),
        tf.train.momentum(0.05, 0.9, true),
        100,
      ),
    ).toBeLessThan(1e-5);
  });

  it('keeps the number of live tensors steady across steps', () => {
    const p = makeProblem();
    const opt = new AdamRank({ learningRate: 0.01 });
    opt.minimize(p.loss, false, p.vars);
    const before = tf.memory().numTensors;
    for (let s = 0; s < 20; s++) opt.minimize(p.loss, false, p.vars);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    p.dispose();
  });
});
