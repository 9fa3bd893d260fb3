import { dataSeedOption, z } from '@rankbias/core';

/** Options every synthetic task accepts: split sizes, label noise, and the data seed. */
export const sampleCountsShape = {
  n: z.number().int().positive().describe('training examples'),
  nTest: z.number().int().nonnegative().default(500).describe('test examples'),
  nValidation: z.number().int().nonnegative().default(0).describe('validation examples'),
  labelNoise: z
    .number()
    .nonnegative()
    .default(0)
    .describe(
      'training-time label noise redrawn every batch: flip/replace probability (binary, classification) or N(0, σ²) added to targets (regression)',
    ),
  dataSeed: dataSeedOption,
};

export interface SampleCounts {
  readonly n: number;
  readonly nTest: number;
  readonly nValidation: number;
  readonly labelNoise: number;
  readonly dataSeed?: number;
}
