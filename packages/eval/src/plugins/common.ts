import { z } from '@rankbias/core';

/** Options shared by the metrics that look at weights. */
export const weightSelectionSchema = {
  select: z
    .array(z.string())
    .optional()
    .describe('glob patterns over weight names (default: every weight of rank >= 2)'),
  effective: z.boolean().default(true).describe("include the model's effective weights (e.g. end-to-end)"),
};
