import { definePlugin, z } from '@rankbias/core';
import { depthMirrorOp } from '../ops/spectral-ops.js';
import { methodOption, rankToleranceOption } from './method-option.js';
import { stackedSpectralOp } from '../ops/stacked-spectral-op.js';
import { sumOverStackedWeights, sumOverWeights } from './sum-over-weights.js';

/** Options of the `depth-mirror` penalty (besides the common weight/select/coupling). */
export const depthMirrorOptions = z.strictObject({ method: methodOption, rankTolerance: rankToleranceOption });

/**
 * Penalty `depth-mirror`: Σ_w ||W||_* / ||W||_F over the selected weights
 * (each viewed 2-D; conv kernels as [kh*kw*in, out]), or over an end-to-end
 * product when the selection names one. Not squared; scale invariant.
 */
export const depthMirrorPenalty = definePlugin({
  kind: 'penalty',
  name: 'depth-mirror',
  description:
    "ratio of nuclear to Frobenius norm, ||W||_* / ||W||_F, per selected weight (mirrors depth's low-rank bias)",
  options: depthMirrorOptions,
  create: (options) => ({
    value: (weights) =>
      sumOverWeights(weights, (w) => depthMirrorOp(w, options.method, { rankTolerance: options.rankTolerance })),
    stackedValue: (weights, runs) =>
      sumOverStackedWeights(weights, runs, (w) =>
        stackedSpectralOp('ratio', w, options.method, { rankTolerance: options.rankTolerance }),
      ),
  }),
});
