import { definePlugin, z, type AnyPluginFactory } from '@rankbias/core';
import { AdamRank, AdamWRank, GDRank } from './adapter/optimizers.js';

const scheduleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), value: z.number().nonnegative() }),
  z.strictObject({
    type: z.literal('cosine'),
    init: z.number().nonnegative(),
    decaySteps: z.number().int().positive(),
    alpha: z.number().min(0).max(1).optional(),
  }),
  z.strictObject({
    type: z.literal('exponential'),
    init: z.number().nonnegative(),
    rate: z.number().positive(),
    transitionSteps: z.number().positive(),
  }),
]);

const learningRate = z
  .union([z.number().nonnegative(), scheduleSchema])
  .describe('learning rate: a number or a schedule {type: constant|cosine|exponential, ...}');
const beta = z.number().min(0).lt(1);
const adamShape = {
  lr: learningRate.default(1e-3),
  betas: z.tuple([beta, beta]).default([0.9, 0.999]).describe('[beta1, beta2]'),
  eps: z.number().nonnegative().default(1e-8),
};

/** 'adam': Adam built from composable transforms; supports decoupled penalties. */
export const adamPlugin = definePlugin({
  kind: 'optimizer',
  name: 'adam',
  description:
    'Adam as chained gradient transforms (a real tf.Optimizer); penalties with coupling "decoupled" enter after preconditioning',
  options: z.strictObject(adamShape),
  create: (o) => new AdamRank({ learningRate: o.lr, beta1: o.betas[0], beta2: o.betas[1], epsilon: o.eps }),
});

/** 'adamw': Adam with decoupled weight decay. */
export const adamwPlugin = definePlugin({
  kind: 'optimizer',
  name: 'adamw',
  description:
    'AdamW = scaleByAdam + addDecayedWeights + scaleByLearningRate (weight decay optionally masked by globs)',
  options: z.strictObject({
    ...adamShape,
    weightDecay: z.number().nonnegative().default(1e-2),
    weightDecayMask: z.array(z.string()).optional().describe('globs over variable names that decay (default: all)'),
  }),
  create: (o) =>
    new AdamWRank({
      learningRate: o.lr,
      beta1: o.betas[0],
      beta2: o.betas[1],
      epsilon: o.eps,
      weightDecay: o.weightDecay,
      weightDecayMask: o.weightDecayMask,
    }),
});

/** 'gd': (full-batch or stochastic) gradient descent with optional momentum. */
export const gdPlugin = definePlugin({
  kind: 'optimizer',
  name: 'gd',
  description: 'gradient descent with optional (Nesterov) momentum and weight decay, as chained transforms',
  options: z.strictObject({
    lr: learningRate.default(1e-2),
    momentum: z.number().min(0).lt(1).default(0),
    nesterov: z.boolean().default(false),
    weightDecay: z.number().nonnegative().default(0),
    weightDecayMask: z.array(z.string()).optional(),
  }),
  create: (o) =>
    new GDRank({
      learningRate: o.lr,
      momentum: o.momentum,
      nesterov: o.nesterov,
      weightDecay: o.weightDecay,
      weightDecayMask: o.weightDecayMask,
    }),
});

/** Every optimizer plugin of this package. */
export const optimizerPlugins: AnyPluginFactory[] = [adamPlugin, adamwPlugin, gdPlugin];
