import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';
import type { Dataset, Split } from '../contracts/dataset.js';
import { fromLayersModel } from '../models/from-layers-model.js';
import { createRng } from '../rng/rng.js';

/** Package name recorded on the conformance fixtures. */
const FIXTURE_PACKAGE = '@rankbias/core/testing';

const INPUTS = 4;
const OUTPUTS = 3;
const EXAMPLES = 16;

/**
 * Dataset `conformance-regression`: 16 seeded examples of a random linear
 * map R^4 -> R^3 (train and test alike). Tiny on purpose: it exists so that a
 * penalty can be run inside the trainer in well under a second.
 */
export const conformanceDataset = definePlugin({
  kind: 'dataset',
  name: 'conformance-regression',
  description: 'tiny seeded linear regression (4 -> 3, 16 examples) for penalty conformance tests',
  package: FIXTURE_PACKAGE,
  options: z.strictObject({}),
  create: (_options, ctx): Dataset => {
    const rng = ctx.rng.fork('conformance-regression');
    const x = Float32Array.from({ length: EXAMPLES * INPUTS }, () => rng.normal());
    const w = Float32Array.from({ length: INPUTS * OUTPUTS }, () => rng.normal());
    const y = new Float32Array(EXAMPLES * OUTPUTS);
    for (let n = 0; n < EXAMPLES; n++)
      for (let o = 0; o < OUTPUTS; o++)
        for (let i = 0; i < INPUTS; i++) y[n * OUTPUTS + o]! += x[n * INPUTS + i]! * w[i * OUTPUTS + o]!;
    return {
      name: 'conformance-regression',
      task: 'regression',
      inputShape: [INPUTS],
      outputSize: OUTPUTS,
      size: (_split: Split) => EXAMPLES,
      batch: (_split, indices) => {
        const bx = new Float32Array(indices.length * INPUTS);
        const by = new Float32Array(indices.length * OUTPUTS);
        indices.forEach((idx, k) => {
          bx.set(x.subarray(idx * INPUTS, (idx + 1) * INPUTS), k * INPUTS);
          by.set(y.subarray(idx * OUTPUTS, (idx + 1) * OUTPUTS), k * OUTPUTS);
        });
        return { x: tf.tensor2d(bx, [indices.length, INPUTS]), y: tf.tensor2d(by, [indices.length, OUTPUTS]) };
      },
    };
  },
});

/**
 * Model `conformance-mlp`: dense 4 -> 6 (tanh) -> 3 as a tfjs-layers model,
 * with one effective weight `conformance/end-to-end` (the product of the two
 * kernels) so that penalties meet a non-variable weight too.
 */
export const conformanceModel = definePlugin({
  kind: 'model',
  name: 'conformance-mlp',
  description: 'tiny 4-6-3 tanh MLP with an end-to-end effective weight, for penalty conformance tests',
  package: FIXTURE_PACKAGE,
  options: z.strictObject({}),
  create: (_options, ctx) => {
    const seed = createRng(ctx.seed).fork('conformance-mlp');
    const init = () => tfl.initializers.randomNormal({ stddev: 0.5, seed: seed.int(2 ** 31) });
    const hidden = tfl.layers.dense({
      units: 6,
      activation: 'tanh',
      inputShape: [INPUTS],
      name: 'hidden',
      kernelInitializer: init(),
    });
    const out = tfl.layers.dense({ units: OUTPUTS, name: 'out', kernelInitializer: init() });
    const model = tfl.sequential({ layers: [hidden, out] });
    return fromLayersModel(model, {
      effectiveWeights: () => [
        { name: 'conformance/end-to-end', tensor: tf.matMul(hidden.getWeights()[0]!, out.getWeights()[0]!) },
      ],
    });
  },
});

/** Optimizer `conformance-sgd`: tfjs SGD with option `lr` (default 0.05). */
export const conformanceOptimizer = definePlugin({
  kind: 'optimizer',
  name: 'conformance-sgd',
  description: 'plain tfjs SGD for penalty conformance tests',
  package: FIXTURE_PACKAGE,
  options: z.strictObject({ lr: z.number().positive().default(0.05) }),
  create: (options) => tf.train.sgd(options.lr),
});

/** The three fixtures, for `registerPlugin`. */
export const conformanceFixtures = [conformanceDataset, conformanceModel, conformanceOptimizer] as const;
