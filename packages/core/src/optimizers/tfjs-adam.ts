import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';
import { warnDeprecatedOnce } from '../config/deprecated.js';

const beta = z.number().min(0).lt(1);

/**
 * Options of `tfjs-adam`, in the one optimizer vocabulary (`lr`, `betas`,
 * `eps`, as `adam` of @rankbias/optim-adam-rank); `beta1`, `beta2` and
 * `epsilon` still work until the next minor, with a warning.
 */
export const tfjsAdamOptionsSchema = z
  .strictObject({
    lr: z.number().positive().default(0.001),
    betas: z.tuple([beta, beta]).optional().describe('[beta1, beta2] (default [0.9, 0.999])'),
    /** Added to the root of the second moment; tfjs' backend epsilon (1e-7) when omitted. */
    eps: z.number().positive().optional(),
    beta1: beta.optional().describe('deprecated: use betas'),
    beta2: beta.optional().describe('deprecated: use betas'),
    epsilon: z.number().positive().optional().describe('deprecated: use eps'),
  })
  .transform(({ beta1, beta2, epsilon, ...o }) => {
    if (beta1 !== undefined || beta2 !== undefined)
      warnDeprecatedOnce('optimizer tfjs-adam: beta1/beta2', 'betas: [beta1, beta2]');
    if (epsilon !== undefined) warnDeprecatedOnce('optimizer tfjs-adam: epsilon', 'eps');
    const betas = o.betas ?? [beta1 ?? 0.9, beta2 ?? 0.999];
    const eps = o.eps ?? epsilon;
    return { lr: o.lr, betas, ...(eps === undefined ? {} : { eps }) } as {
      lr: number;
      betas: [number, number];
      eps?: number;
    };
  });

/** Adam as tfjs ships it (`tf.train.adam`). */
export const tfjsAdamOptimizerPlugin = definePlugin({
  kind: 'optimizer',
  name: 'tfjs-adam',
  description:
    "tfjs' built-in Adam optimizer (tf.train.adam); for AdamW and rank-penalty coupling see @rankbias/optim-adam-rank",
  options: tfjsAdamOptionsSchema,
  create(options) {
    return tf.train.adam(options.lr, options.betas[0], options.betas[1], options.eps);
  },
});
