import type * as tfl from '@tensorflow/tfjs-layers';
import { definePlugin, withSeededMathRandom, z, type NamedTensor, type Overparameterizer } from '@rankbias/core';
import { effectiveKernels } from '../effective-kernels.js';
import { collapse } from '../surgery/collapse.js';
import { overparameterize } from '../surgery/overparameterize.js';

/** Options of the `linear` overparam plugin (config: `overparam: {use: linear, ...}`). */
export const linearOverparamOptions = z
  .object({
    depth: z.number().int().min(1).default(2).describe('linear factors per expanded layer'),
    expansion: z.number().positive().default(1).describe('inner width = round(expansion x output width)'),
    widths: z.array(z.number().int().positive()).optional().describe('explicit inner widths (length depth-1)'),
    kernelSizes: z
      .array(z.number().int().positive())
      .optional()
      .describe('conv sub-kernel sizes, e.g. [3,3,1]; must collapse (sum-len+1) to the conv kernel size'),
    layers: z
      .array(z.string())
      .optional()
      .describe('name globs of the layers to expand (default: all Dense and Conv2D)'),
    init: z
      .enum(['reference', 'identity'])
      .default('reference')
      .describe("'reference' He init or 'identity' (start at the base layer)"),
    lastGain: z
      .number()
      .positive()
      .optional()
      .describe('He gain of the last factor (default: gain of the following nonlinearity)'),
    batchNorm: z.boolean().default(false).describe('batch norm between factors (folded at collapse)'),
    mode: z
      .enum(['auto', 'effective', 'chain'])
      .default('auto')
      .describe(
        "'effective': one op with the contracted kernel; 'chain': sub-layers in sequence; 'auto': the cheaper per call",
      ),
  })
  .strict();

export type LinearOverparamOptions = z.output<typeof linearOverparamOptions>;

/** An `Overparameterizer` that also exposes the effective kernels for metrics/penalties. */
export interface LinearOverparameterizer extends Overparameterizer {
  effectiveWeights(model: tfl.LayersModel): NamedTensor[];
}

export const linearOverparamPlugin = definePlugin({
  kind: 'overparam',
  name: 'linear',
  description:
    'Linear over-parameterization (Huh et al.): each Dense/Conv2D becomes a product of `depth` linear factors; collapses exactly back to plain layers.',
  options: linearOverparamOptions,
  create(options, ctx): LinearOverparameterizer {
    const rng = ctx.rng.fork('linear-overparam');
    return {
      expand: (model) => withSeededMathRandom(rng, () => overparameterize(model, options)),
      collapse: (model) => collapse(model),
      effectiveWeights: (model) => effectiveKernels(model),
    };
  },
});
