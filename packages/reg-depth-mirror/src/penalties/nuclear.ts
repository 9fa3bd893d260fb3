import { definePlugin, z } from '@rankbias/core';
import { nuclearNormOp } from '../ops/spectral-ops.js';
import { methodOption, rankToleranceOption } from './method-option.js';
import { stackedSpectralOp } from '../ops/stacked-spectral-op.js';
import { sumOverStackedWeights, sumOverWeights } from './sum-over-weights.js';

/** Options of the `nuclear` penalty. */
export const nuclearOptions = z.strictObject({ method: methodOption, rankTolerance: rankToleranceOption });

/** Penalty `nuclear`: Σ_w ||W||_* (sum of singular values), a convex reference for depth-mirror. */
export const nuclearPenalty = definePlugin({
  kind: 'penalty',
  name: 'nuclear',
  description: 'nuclear norm ||W||_* (sum of singular values) per selected weight',
  options: nuclearOptions,
  create: (options) => ({
    value: (weights) =>
      sumOverWeights(weights, (w) => nuclearNormOp(w, options.method, { rankTolerance: options.rankTolerance })),
    stackedValue: (weights, runs) =>
      sumOverStackedWeights(weights, runs, (w) =>
        stackedSpectralOp('nuclear', w, options.method, { rankTolerance: options.rankTolerance }),
      ),
  }),
});
