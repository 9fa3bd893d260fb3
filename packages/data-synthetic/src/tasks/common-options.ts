import { createRng, z, type PluginContext, type Rng } from '@rankbias/core';

/** Options every synthetic task accepts: split sizes, label noise, and the data seed. */
export const sampleCountsShape = {
  n: z.number().int().positive().describe('training examples'),
  nTest: z.number().int().nonnegative().default(500).describe('test examples'),
  nValidation: z.number().int().nonnegative().default(0).describe('validation examples'),
  labelNoise: z
    .number()
    .nonnegative()
    .default(0)
    .describe('training-time label noise redrawn every batch: flip/replace probability (binary, classification) or N(0, σ²) added to targets (regression)'),
  dataSeed: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('seed of the data alone (default: derived from the run seed); fix it to compare models on the same data'),
};

export interface SampleCounts {
  readonly n: number;
  readonly nTest: number;
  readonly nValidation: number;
  readonly labelNoise: number;
  readonly dataSeed?: number;
}

/**
 * The generator the data is drawn from: `createRng(dataSeed)` when given,
 * else a fork of the plugin's rng. Sub-streams (`teacher`, `train`,
 * `validation`, `test`) are forks, so growing one split never changes another
 * and the first n training examples are the same for every larger n.
 */
export function dataRng(options: { dataSeed?: number }, ctx: Pick<PluginContext, 'rng'>): Rng {
  return options.dataSeed !== undefined ? createRng(options.dataSeed) : ctx.rng.fork('data');
}
