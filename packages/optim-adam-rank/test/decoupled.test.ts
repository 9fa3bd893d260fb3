import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { supportsDecoupled } from '@rankbias/core';
import { AdamRank, AdamWRank, GDRank } from '../src/index.js';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

/** Plain float64 Adam(W) with a decoupled term d: p ← p − lr·(m̂/(√v̂+ε) + wd·p + d). */
function referenceAdam(p0: number[], gs: number[][], ds: number[][], lr: number, eps: number, wd = 0): number[] {
  const [b1, b2] = [0.9, 0.999];
  const p = [...p0];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  gs.forEach((g, t) => {
    for (let i = 0; i < p.length; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      const mh = m[i]! / (1 - b1 ** (t + 1));
      const vh = v[i]! / (1 - b2 ** (t + 1));
      p[i] = p[i]! - lr * (mh / (Math.sqrt(vh) + eps) + wd * p[i]! + ds[t]![i]!);
    }
  });
  return p;
}

const gs = [
  [0.5, -2, 3e-3, 1],
  [0.1, -1, 2e-3, -1],
  [-0.7, 0.4, 1e-3, 2],
  [0.2, 0.2, -5e-3, 0.5],
];
const ds = [
  [1, 0, -1, 2],
  [0.5, 0.5, 0.5, 0.5],
  [-2, 1, 0, 0],
  [0, 0, 3, -1],
];
const p0 = [1, -1, 0.5, 2];

function run(opt: AdamRank | AdamWRank | GDRank, name: string): number[] {
  const v = tf.variable(tf.tensor1d(p0), true, name);
  gs.forEach((g, t) => {
    const gt = tf.tensor1d(g);
    const dt = tf.tensor1d(ds[t]!);
    opt.applyGradientsDecoupled({ [name]: gt }, { [name]: dt });
    tf.dispose([gt, dt]);
  });
  const out = Array.from(v.dataSync());
  v.dispose();
  opt.dispose();
  return out;
}

describe('applyGradientsDecoupled', () => {
  it('is recognised by core as a decoupled optimizer', () => {
    expect(supportsDecoupled(new AdamRank())).toBe(true);
    expect(supportsDecoupled(tf.train.adam())).toBe(false);
  });

  it('Adam: the decoupled gradient bypasses the moments and is scaled by lr (closed form)', () => {
    const got = run(new AdamRank({ learningRate: 0.01, epsilon: 1e-8 }), 'dec-adam');
    const want = referenceAdam(p0, gs, ds, 0.01, 1e-8);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 5));
    // and differs from feeding the same term through the moments
    const coupled = referenceAdam(
      p0,
      gs.map((g, t) => g.map((x, i) => x + ds[t]![i]!)),
      gs.map((g) => g.map(() => 0)),
      0.01,
      1e-8,
    );
    expect(Math.max(...got.map((g, i) => Math.abs(g - coupled[i]!)))).toBeGreaterThan(1e-3);
  });

  it('AdamW: decay and decoupled gradient both enter after preconditioning', () => {
    const got = run(new AdamWRank({ learningRate: 0.02, weightDecay: 0.3, epsilon: 1e-8 }), 'dec-adamw');
    const want = referenceAdam(p0, gs, ds, 0.02, 1e-8, 0.3);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 5));
  });

  it('GD with momentum: the decoupled gradient does not enter the momentum buffer', () => {
    const got = run(new GDRank({ learningRate: 0.1, momentum: 0.5 }), 'dec-gd');
    const p = [...p0];
    const trace = p.map(() => 0);
    gs.forEach((g, t) => {
      for (let i = 0; i < p.length; i++) {
        trace[i] = g[i]! + 0.5 * trace[i]!;
        p[i] = p[i]! - 0.1 * (trace[i]! + ds[t]![i]!);
      }
    });
    got.forEach((g, i) => expect(g).toBeCloseTo(p[i]!, 5));
  });

  it('a variable with only a decoupled gradient moves by −lr·d', () => {
    const a = tf.variable(tf.tensor1d([1, 1]), true, 'only-a');
    const b = tf.variable(tf.tensor1d([5, 5]), true, 'only-b');
    const opt = new AdamRank({ learningRate: 0.1 });
    opt.applyGradientsDecoupled({ 'only-a': tf.tensor1d([1, -1]) }, { 'only-b': tf.tensor1d([2, -4]) });
    expect(Array.from(b.dataSync())).toEqual([5 - 0.2, 5 + 0.4].map(Math.fround));
    expect(Array.from(a.dataSync())[0]).toBeCloseTo(0.9, 5);
    tf.dispose([a, b]);
    opt.dispose();
  });

  it('names the problem when a gradient key is not a registered variable', () => {
    const opt = new AdamRank();
    expect(() => opt.applyGradients({ 'no-such-variable': tf.scalar(1) })).toThrow(
      /no tf.Variable named "no-such-variable"/,
    );
  });
});
