import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamRank, AdamWRank, GDRank, type TransformOptimizer } from '../src/index.js';
import { makeProblem, useCpu } from './helpers.js';

beforeAll(useCpu);

interface Plain {
  name: string;
  data: Float32Array | Int32Array | Uint8Array;
  shape: number[];
  dtype: tf.DataType;
}

async function toPlain(opt: tf.Optimizer): Promise<Plain[]> {
  const weights = await opt.getWeights();
  const out = weights.map((w) => ({
    name: w.name,
    data: w.tensor.dataSync().slice() as Float32Array,
    shape: w.tensor.shape,
    dtype: w.tensor.dtype,
  }));
  tf.dispose(weights.map((w) => w.tensor));
  return out;
}

async function resumedEqualsUninterrupted(make: () => TransformOptimizer, total: number, cut: number): Promise<void> {
  // uninterrupted run
  const straight = makeProblem('run');
  const opt = make();
  for (let s = 0; s < total; s++) opt.minimize(straight.loss, false, straight.vars);
  const straightValues = straight.values();
  const straightState = await toPlain(opt);
  opt.dispose();
  straight.dispose();

  // interrupted run: save after `cut` steps as plain data, drop everything
  const first = makeProblem('run');
  const optA = make();
  for (let s = 0; s < cut; s++) optA.minimize(first.loss, false, first.vars);
  const saved = await toPlain(optA);
  const savedParams = first.values();
  optA.dispose();
  first.dispose();

  // "new process": same names, parameters and optimizer state restored, then continue
  const resumed = makeProblem('run');
  resumed.w.assign(tf.tensor2d(savedParams.slice(0, 12), [4, 3]));
  resumed.c.assign(tf.tensor1d(savedParams.slice(12)));
  const optB = make();
  await optB.setWeights(saved.map((v) => ({ name: v.name, tensor: tf.tensor(v.data, v.shape, v.dtype) })));
  expect(optB.iterations).toBe(cut);
  for (let s = cut; s < total; s++) optB.minimize(resumed.loss, false, resumed.vars);

  expect(saved[0]!.name).toBe('iter');
  expect(new Set(saved.map((v) => v.name)).size).toBe(saved.length);
  expect(resumed.values()).toEqual(straightValues); // bit-identical parameters
  const resumedState = await toPlain(optB);
  expect(resumedState.map((v) => v.name)).toEqual(straightState.map((v) => v.name));
  resumedState.forEach((v, i) => expect(Array.from(v.data)).toEqual(Array.from(straightState[i]!.data)));
  // and the state really moved between the cut and the end
  expect(Array.from(saved[2]!.data)).not.toEqual(Array.from(straightState[2]!.data));
  optB.dispose();
  resumed.dispose();
}

describe('getWeights/setWeights resume', () => {
  it('Adam: save after 7 steps, restore into a new optimizer, continue = uninterrupted 20 steps', async () => {
    await resumedEqualsUninterrupted(() => new AdamRank({ learningRate: 0.02 }), 20, 7);
  });

  it('AdamW with a cosine schedule resumes exactly (schedule count restored)', async () => {
    await resumedEqualsUninterrupted(
      () => new AdamWRank({ learningRate: { type: 'cosine', init: 0.05, decaySteps: 20 }, weightDecay: 0.1 }),
      20,
      11,
    );
  });

  it('GD with momentum resumes exactly', async () => {
    await resumedEqualsUninterrupted(() => new GDRank({ learningRate: 0.05, momentum: 0.9 }), 15, 4);
  });

  it('state names are stable and readable', async () => {
    const p = makeProblem('names');
    const opt = new AdamRank({ learningRate: 0.01 });
    opt.minimize(p.loss, false, p.vars);
    const weights = await opt.getWeights();
    expect(weights.map((w) => w.name)).toEqual([
      'iter',
      '0:scale_by_adam/count',
      'names/c/0:scale_by_adam/mu',
      'names/c/0:scale_by_adam/nu',
      'names/w/0:scale_by_adam/mu',
      'names/w/0:scale_by_adam/nu',
    ]);
    tf.dispose(weights.map((w) => w.tensor));
    opt.dispose();
    p.dispose();
  });

  it('setWeights without a restart resets the state (a restored optimizer does not mix old moments)', async () => {
    const p = makeProblem('reset');
    const opt = new AdamRank({ learningRate: 0.01 });
    for (let s = 0; s < 3; s++) opt.minimize(p.loss, false, p.vars);
    const snapshot = await opt.getWeights();
    for (let s = 0; s < 3; s++) opt.minimize(p.loss, false, p.vars);
    await opt.setWeights(snapshot);
    expect(opt.iterations).toBe(3);
    const now = await opt.getWeights();
    now.forEach((w, i) => expect(Array.from(w.tensor.dataSync())).toEqual(Array.from(snapshot[i]!.tensor.dataSync())));
    tf.dispose([...now, ...snapshot].map((w) => w.tensor));
    opt.dispose();
    p.dispose();
  });
});
