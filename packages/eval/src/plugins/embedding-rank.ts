import {
  definePlugin,
  effectiveRank,
  numericalRank,
  singularValues,
  spectralEntropy,
  stableRank,
  z,
} from '@rankbias/core';
import { embeddingMatrix } from '../metrics/targets.js';

/** `embedding-rank`: rank measures of a layer's activations on a data subset. */
export const embeddingRankMetric = definePlugin({
  kind: 'metric',
  name: 'embedding-rank',
  description:
    "effective rank, entropy, stable rank and numerical rank of a named layer's activations on the first N examples (embedding-erank/<layer>, ...)",
  options: z.strictObject({
    layer: z.string().min(1).describe('name of a layer of the tfjs-layers model'),
    split: z.enum(['train', 'validation', 'test']).default('test'),
    examples: z.number().int().positive().default(256),
    center: z.boolean().default(false).describe('subtract the mean activation first'),
    rtol: z.number().positive().default(1e-3).describe('numerical rank counts σ > rtol·σ₁'),
  }),
  create: (o) => ({
    describe: () => [
      { key: 'embedding-erank/*', direction: 'none', label: 'effective rank of the {*} activations', unit: '' },
      { key: 'embedding-entropy/*', direction: 'none', label: 'spectral entropy of the {*} activations', unit: 'nats' },
      { key: 'embedding-stable-rank/*', direction: 'none', label: 'stable rank of the {*} activations', unit: '' },
      { key: 'embedding-rank/*', direction: 'none', label: 'numerical rank of the {*} activations', unit: '' },
    ],
    async compute({ model, dataset }) {
      const e = await embeddingMatrix(model, dataset, o);
      const s = singularValues(e.matrix);
      const k = o.layer;
      return {
        [`embedding-erank/${k}`]: effectiveRank(s),
        [`embedding-entropy/${k}`]: spectralEntropy(s),
        [`embedding-stable-rank/${k}`]: stableRank(s),
        [`embedding-rank/${k}`]: numericalRank(s, { rtol: o.rtol }),
      };
    },
  }),
});
