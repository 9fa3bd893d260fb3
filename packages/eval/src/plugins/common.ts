import { z, type Dataset, type MetricKeyInfo } from '@rankbias/core';

/**
 * A rank-like measure of every weight (`<prefix>/<weight>`, direction none),
 * with the task's true rank as the reference of the end-to-end matrix when
 * the dataset knows it.
 */
export function rankKeys(prefix: string, label: string, dataset: Dataset): MetricKeyInfo[] {
  const reference = dataset.knownRank !== undefined ? [{ value: dataset.knownRank, label: 'true rank' }] : undefined;
  return [
    ...(reference
      ? [
          {
            key: `${prefix}/end-to-end`,
            direction: 'none' as const,
            label: `${label} of end-to-end`,
            unit: '',
            reference,
          },
        ]
      : []),
    { key: `${prefix}/*`, direction: 'none', label: `${label} of {*}`, unit: '' },
  ];
}

/** Options shared by the metrics that look at weights. */
export const weightSelectionSchema = {
  select: z
    .array(z.string())
    .optional()
    .describe('glob patterns over weight names (default: every weight of rank >= 2)'),
  effective: z.boolean().default(true).describe("include the model's effective weights (e.g. end-to-end)"),
};
