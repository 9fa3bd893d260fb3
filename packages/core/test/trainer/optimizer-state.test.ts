import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedVariable } from '../../src/contracts/named-tensor.js';
import {
  captureOptimizerState,
  releaseCapturedState,
  restoreOptimizerState,
} from '../../src/trainer/optimizer-state.js';
import { sgdOptimizerPlugin, tfjsAdamOptimizerPlugin } from '../../src/optimizers/index.js';
import { createRng } from '../../src/rng/rng.js';
import { useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

const ctx = () => ({ container: fixtureContainer(), rng: createRng(0), seed: 0, backend: 'cpu' });

function makeVars(prefix: string): NamedVariable[] {
  return [
    {
      name: 'layer/kernel',
      variable: tf.variable(
        tf.tensor2d([
          [0.5, -1],
          [2, 0.25],
        ]),
        true,
        `${prefix}/kernel`,
      ),
    },
    { name: 'layer/bias', variable: tf.variable(tf.tensor1d([0.1, -0.3]), true, `${prefix}/bias`) },
  ];
}

/** One step on f(W, b) = Σ sin(W)² + Σ (b − 1)², gradients in `vars` order. */
function step(opt: tf.Optimizer, vars: NamedVariable[]): void {
  const { grads, value } = tf.variableGrads(
    () =>
      tf.add(
        tf.sum(tf.square(tf.sin(vars[0]!.variable))),
        tf.sum(tf.square(tf.sub(vars[1]!.variable, 1))),
      ) as tf.Scalar,
    vars.map((v) => v.variable),
  );
  const ordered: tf.NamedTensorMap = {};
  for (const v of vars) ordered[v.variable.name] = grads[v.variable.name]!;
  opt.applyGradients(ordered);
  tf.dispose([value, ...Object.values(grads)]);
}

async function values(vars: NamedVariable[]): Promise<number[][]> {
  return Promise.all(vars.map(async (v) => Array.from(await v.variable.data())));
}

async function roundTrip(create: () => tf.Optimizer, stepsBefore: number) {
  const a = makeVars(`a${Math.random()}`);
  const optA = create();
  for (let i = 0; i < stepsBefore; i++) step(optA, a);
  const captured = await captureOptimizerState(optA, a);
  const names = captured.map((c) => c.name);
  // a copy, as a checkpoint would hold it
  const copy = await Promise.all(
    captured.map(async (c) => ({
      name: c.name,
      tensor: tf.tensor(await c.tensor.data(), c.tensor.shape, c.tensor.dtype),
    })),
  );
  releaseCapturedState(captured);

  const b = makeVars(`b${Math.random()}`);
  for (let i = 0; i < b.length; i++) b[i]!.variable.assign(a[i]!.variable);
  const optB = create();
  await restoreOptimizerState(optB, b, copy);
  for (let i = 0; i < 3; i++) {
    step(optA, a);
    step(optB, b);
  }
  return { names, a: await values(a), b: await values(b), iterations: optB.iterations };
}

describe('optimizer state for checkpoints', () => {
  beforeAll(useCpu);

  it('tfjs-adam: restored state continues bit-identically, including the running beta powers', async () => {
    // after 11 steps the running beta powers (repeated float32 products) differ from the pow() that
    // setWeights recomputes them with; restoring setWeights alone makes the next steps drift
    const make = () =>
      tfjsAdamOptimizerPlugin.create(tfjsAdamOptimizerPlugin.options.parse({ lr: 0.05 }), ctx()) as tf.Optimizer;
    const r = await roundTrip(make, 11);
    expect(r.names).toEqual([
      'iter',
      'layer/kernel/m',
      'layer/bias/m',
      'layer/kernel/v',
      'layer/bias/v',
      'field:accBeta1',
      'field:accBeta2',
    ]);
    expect(r.iterations).toBe(14);
    expect(r.b).toEqual(r.a);
  });

  it('sgd with momentum: accumulators restored under stable names', async () => {
    const make = () =>
      sgdOptimizerPlugin.create(sgdOptimizerPlugin.options.parse({ lr: 0.1, momentum: 0.9 }), ctx()) as tf.Optimizer;
    const r = await roundTrip(make, 5);
    expect(r.names).toEqual(['iter', 'layer/kernel/momentum', 'layer/bias/momentum']);
    expect(r.b).toEqual(r.a);
  });

  it('capturing and restoring leaves no tensors behind', async () => {
    const make = () => tfjsAdamOptimizerPlugin.create(tfjsAdamOptimizerPlugin.options.parse({}), ctx()) as tf.Optimizer;
    const vars = makeVars(`leak${Math.random()}`);
    const opt = make();
    step(opt, vars);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) releaseCapturedState(await captureOptimizerState(opt, vars));
    expect(tf.memory().numTensors).toBe(before);
  });
});
