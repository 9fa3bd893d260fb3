import { z } from '@rankbias/core';

/** Grid/variant values that pick one group of a sweep, e.g. `{variant: 'GD, depth 3', data.observed: 2000}`. */
export const groupFilterSchema = z.record(z.string(), z.unknown());

/** Which number of a run a statistic uses. */
export const runValueSchema = z
  .union([
    z.enum(['final', 'best']),
    z.strictObject({ at: z.number().int().nonnegative().describe('the value logged at this step') }),
    z.strictObject({ meanLast: z.number().gt(0).max(1).describe('mean over the last fraction of the logged steps') }),
  ])
  .default('final');

const metricShape = {
  metric: z.string().min(1),
  value: runValueSchema,
};

/**
 * The statistic that decides a claim, with its 95% confidence interval over seeds:
 * - `mean`: the metric in one group;
 * - `difference`: a − b, paired by seed;
 * - `ratio`: a / b, paired by seed (interval of the mean log-ratio, exponentiated);
 * - `slope`: least-squares slope of the metric against a numeric grid axis (optionally its log), per seed.
 */
export const statisticSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mean'), ...metricShape, group: groupFilterSchema }),
  z.strictObject({ kind: z.literal('difference'), ...metricShape, a: groupFilterSchema, b: groupFilterSchema }),
  z.strictObject({ kind: z.literal('ratio'), ...metricShape, a: groupFilterSchema, b: groupFilterSchema }),
  z.strictObject({
    kind: z.literal('slope'),
    ...metricShape,
    over: z.string().min(1),
    log: z.boolean().default(false),
    where: groupFilterSchema.default({}),
  }),
]);

/** Pre-registered decision rule: the statistic must lie below or above a bound. */
export const criterionSchema = z.union([z.strictObject({ below: z.number() }), z.strictObject({ above: z.number() })]);

/** One numbered claim: what a seed result says, the sweep that tests it, and how it is decided. */
export const claimSchema = z.strictObject({
  id: z.string().regex(/^[1-9]\d*\.\d+$/, 'claim ids look like "4.2": result, then claim number'),
  result: z.number().int().min(1),
  claim: z.string().min(1),
  setting: z.string().min(1),
  experiment: z.string().min(1),
  statistic: statisticSchema,
  criterion: criterionSchema,
  rationale: z.string().optional(),
});

/** The named budgets of an experiment: `paper` is the sweep as written; others patch it. */
export const SCALES = ['smoke', 'paper'] as const;
export type Scale = (typeof SCALES)[number];

/** An experiment: a regular sweep (the paper's budget) and patches for the smaller scales. */
export const experimentSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'experiment names are lower-case words joined by "-"'),
  description: z.string().min(1),
  sweep: z.record(z.string(), z.unknown()),
  scales: z.strictObject({ smoke: z.record(z.string(), z.unknown()) }),
});

export type Claim = z.output<typeof claimSchema>;
export type Statistic = z.output<typeof statisticSchema>;
export type Criterion = z.output<typeof criterionSchema>;
export type RunValue = z.output<typeof runValueSchema>;
export type GroupFilter = z.output<typeof groupFilterSchema>;
export type Experiment = z.output<typeof experimentSchema>;
