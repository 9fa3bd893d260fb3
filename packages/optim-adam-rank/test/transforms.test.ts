import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDecayedWeights,
  adamw,
  chain,
  masked,
  scaleByAdam,
  scaleByLearningRate,
  scheduleFromSpec,
  traceMomentum,
  type GradientTransformation,
  type Updates,
} from '../src/index.js';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

const read = (u: Updates) => Object.fromEntries(Object.entries(u).map(([k, t]) => [k, Array.from(t.dataSync())]));

function once(t: GradientTransformation, grads: Updates, params: Updates) {
  const state = t.init(params);
  return t.update(grads, state, params);
}

describe('chain', () => {
  const params = { w: tf.tensor1d([1, 2]) };
  const grads = { w: tf.tensor1d([10, -20]) };

  it('applies transforms in order', () => {
    const lrThenDecay = once(chain(scaleByLearningRate(0.5), addDecayedWeights(0.1)), grads, params);
    const decayThenLr = once(chain(addDecayedWeights(0.1), scaleByLearningRate(0.5)), grads, params);
    expect(read(lrThenDecay.updates).w).toEqual([-5 + 0.1, 10 + 0.2].map((v) => Math.fround(v)));
    expect(read(decayThenLr.updates).w).toEqual([-0.5 * 10.1, -0.5 * -19.8].map((v) => Math.fround(v)));
  });

  it('keeps each transform state under its own prefix', () => {
    const t = chain(traceMomentum({ decay: 0.5 }), scaleByLearningRate(1), traceMomentum({ decay: 0.25 }));
    const state0 = t.init(params);
    expect(Object.keys(state0).sort()).toEqual(['0:trace_momentum/trace/w', '2:trace_momentum/trace/w']);
    const s1 = t.update(grads, state0, params);
    const s2 = t.update(grads, s1.state, params);
    // first trace: g, 1.5 g; second trace: -g, -(1.5g) - 0.25 g
    expect(read(s2.state)['0:trace_momentum/trace/w']).toEqual([15, -30]);
    expect(read(s2.updates).w).toEqual([-(15 + 2.5), -(-30 - 5)]);
  });
});

describe('masked', () => {
  const params = { 'dense/kernel': tf.tensor1d([1, 1]), 'dense/bias': tf.tensor1d([3, 3]) };
  const grads = { 'dense/kernel': tf.tensor1d([2, 4]), 'dense/bias': tf.tensor1d([5, 6]) };

  it('applies the inner transform to the selected names only', () => {
    const r = once(masked(scaleByLearningRate(2), ['*kernel']), grads, params);
    expect(read(r.updates)).toEqual({ 'dense/kernel': [-4, -8], 'dense/bias': [5, 6] });
  });

  it('accepts a predicate and keeps state only for selected parameters', () => {
    const t = masked(traceMomentum({ decay: 0.9 }), (n) => n.endsWith('bias'));
    expect(Object.keys(t.init(params))).toEqual(['trace/dense/bias']);
    const r = once(t, grads, params);
    expect(read(r.updates)).toEqual({ 'dense/kernel': [2, 4], 'dense/bias': [5, 6] });
  });

  it('adamw with a decay mask decays only kernels (closed form of the first step)', () => {
    const lr = 0.1;
    const wd = 0.5;
    const r = once(adamw(lr, { weightDecay: wd, weightDecayMask: ['*kernel'], eps: 0 }), grads, params);
    // first Adam step: m̂/sqrt(v̂) = sign(g)
    for (const u of read(r.updates)['dense/kernel']!) expect(u).toBeCloseTo(-lr * (1 + wd * 1), 5);
    for (const u of read(r.updates)['dense/bias']!) expect(u).toBeCloseTo(-lr, 5);
  });
});

describe('scaleByAdam', () => {
  it('touches only parameters present in the updates and errors on unknown ones', () => {
    const params = { a: tf.tensor1d([1]), b: tf.tensor1d([1]) };
    const t = scaleByAdam();
    const state = t.init(params);
    const r = t.update({ a: tf.tensor1d([1]) }, state, params);
    expect(r.state['mu/b']).toBe(state['mu/b']);
    expect(Array.from(r.state['mu/a']!.dataSync())).toEqual([Math.fround(0.1)]);
    expect(() => t.update({ c: tf.tensor1d([1]) }, state, params)).toThrow(/no state "mu\/c"/);
  });
});

describe('schedules', () => {
  const at = (spec: Parameters<typeof scheduleFromSpec>[0], t: number) =>
    scheduleFromSpec(spec)(tf.scalar(t, 'int32')).dataSync()[0]!;

  it('cosine decay follows init·(α + (1−α)·½(1+cos(πt/T))) and stays at the floor after T', () => {
    const spec = { type: 'cosine', init: 0.2, decaySteps: 10, alpha: 0.1 } as const;
    for (const t of [0, 3, 5, 10, 15]) {
      const tt = Math.min(t, 10);
      expect(at(spec, t)).toBeCloseTo(0.2 * (0.1 + 0.9 * 0.5 * (1 + Math.cos((Math.PI * tt) / 10))), 6);
    }
  });

  it('exponential decay is init·rate^(t/transitionSteps)', () => {
    expect(at({ type: 'exponential', init: 1, rate: 0.5, transitionSteps: 2 }, 4)).toBeCloseTo(0.25, 6);
  });

  it('scaleByLearningRate with a schedule uses schedule(k−1) at the k-th update', () => {
    const t = scaleByLearningRate({ type: 'exponential', init: 1, rate: 0.5, transitionSteps: 1 });
    const params = { w: tf.tensor1d([0]) };
    let state = t.init(params);
    const seen: number[] = [];
    for (let k = 0; k < 3; k++) {
      const r = t.update({ w: tf.tensor1d([1]) }, state, params);
      seen.push(r.updates.w!.dataSync()[0]!);
      state = r.state;
    }
    expect(seen).toEqual([-1, -0.5, -0.25]);
  });

  it('rejects an unknown schedule type with a clear message', () => {
    expect(() => scheduleFromSpec({ type: 'linear' } as never)).toThrow(/unknown schedule type "linear"/);
  });
});
