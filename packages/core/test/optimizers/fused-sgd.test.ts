/**
 * `FusedSgdOptimizer` (core's `sgd` without momentum) against tfjs's own
 * `SGDOptimizer`: the same parameters bit for bit after 30 steps on cpu and
 * wasm (small tensors, and one past the SIMD lanes), one kernel per parameter
 * and step instead of two, and the same class name, config and weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/select-backend.js';
import { ADD_SCALED } from '../../src/optimizers/fused/add-scaled-kernel.js';
import { FusedSgdOptimizer } from '../../src/optimizers/fused-sgd.js';
import { sgdOptimizerPlugin } from '../../src/optimizers/sgd.js';

afterEach(() => tf.disposeVariables());

let run = 0;

/** 30 steps of `optimizer` on two parameters with seeded gradients (map or array form); values and kernels per step. */
async function thirtySteps(optimizer: tf.Optimizer, sizes: [number, number], arrayForm: boolean) {
  run++;
  const w = tf.variable(tf.randomNormal([sizes[0]], 0, 1, 'float32', 1), true, `fused-sgd-${run}/w`);
  const b = tf.variable(tf.randomNormal([sizes[1]], 0, 1, 'float32', 2), true, `fused-sgd-${run}/b`);
  let kernels = 0;
  for (let step = 0; step < 30; step++) {
    const [gw, gb] = [
      tf.randomNormal([sizes[0]], 0, 1 + step, 'float32', 10 + step),
      tf.randomNormal([sizes[1]], 0, 1e-3, 'float32', 50 + step),
    ];
    const grads = arrayForm
      ? [
          { name: w.name, tensor: gw },
          { name: b.name, tensor: gb },
        ]
      : { [w.name]: gw, [b.name]: gb };
    kernels = (await tf.profile(() => optimizer.applyGradients(grads))).kernels.length;
    tf.dispose([gw, gb]);
  }
  const values = [w, b].map((v) => Array.from(v.dataSync()));
  optimizer.dispose();
  return { values, kernels };
}

describe('FusedSgdOptimizer', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const sizes of [
      [24, 4],
      [4099, 3],
    ] as [number, number][]) {
      it(`is tfjs's SGD bit for bit on ${backend} (${sizes.join(' and ')} values), one kernel per parameter`, async () => {
        expect((await selectBackend(backend)).name).toBe(backend);
        const fused = await thirtySteps(new FusedSgdOptimizer(0.37), sizes, false);
        const tfjs = await thirtySteps(tf.train.sgd(0.37), sizes, true);
        fused.values.forEach((v, i) => expect(v, `parameter ${i}`).toEqual(tfjs.values[i]));
        expect(fused.kernels).toBe(2);
        expect(tfjs.kernels).toBe(4);
      });
    }
  }

  it('follows setLearningRate, skips missing gradients, and serialises as tfjs SGD', async () => {
    await selectBackend('cpu');
    const optimizer = new FusedSgdOptimizer(0.5);
    const v = tf.variable(tf.tensor1d([1, 2]), true, 'fused-sgd-rate');
    optimizer.setLearningRate(0.25);
    optimizer.applyGradients({ [v.name]: tf.tensor1d([4, -8]), missing: null as unknown as tf.Tensor });
    expect(Array.from(v.dataSync())).toEqual([0, 4]);
    expect(optimizer.getClassName()).toBe('SGD');
    expect(optimizer.getConfig()).toEqual({ learningRate: 0.25 });
    expect(optimizer.iterations).toBe(1);
    expect((await optimizer.getWeights()).map((w) => w.name)).toEqual(['iter']);
    optimizer.dispose();
  });

  it('is what the sgd plugin builds without momentum (unless fused: false), and runs the fused kernel', async () => {
    await selectBackend('wasm');
    const plain = await sgdOptimizerPlugin.create(sgdOptimizerPlugin.options.parse({ lr: 0.1 }), {} as never);
    const momentum = await sgdOptimizerPlugin.create(
      sgdOptimizerPlugin.options.parse({ lr: 0.1, momentum: 0.9 }),
      {} as never,
    );
    // (tfjs optimizers answer `instanceof` by duck typing: compare constructors)
    expect(plain.constructor).toBe(FusedSgdOptimizer);
    expect(momentum.constructor).toBe(tf.MomentumOptimizer);
    const tfjs = await sgdOptimizerPlugin.create(
      sgdOptimizerPlugin.options.parse({ lr: 0.1, fused: false }),
      {} as never,
    );
    expect(tfjs.constructor).toBe(tf.SGDOptimizer);
    (tfjs as tf.Optimizer).dispose();
    const v = tf.variable(tf.ones([8]), true, 'fused-sgd-plugin');
    const profile = await tf.profile(() => (plain as tf.Optimizer).applyGradients({ [v.name]: tf.ones([8]) }));
    expect(profile.kernels.map((k) => k.name)).toEqual([ADD_SCALED]);
    (plain as tf.Optimizer).dispose();
    (momentum as tf.Optimizer).dispose();
  });
});
