import { z } from '@rankbias/core';

/** How the sweep's groups are ranked. */
export const targetSchema = z.strictObject({
  /** Metric key as written by the trainer, e.g. `test/loss` or `erank/end-to-end`. */
  metric: z.string().min(1).default('test/loss'),
  /** `min`: lower is better (losses, errors); `max`: higher is better (accuracy). */
  mode: z.enum(['min', 'max']).default('min'),
  /** Rank on the last evaluation (`final`) or the best one over training (`best`). */
  use: z.enum(['final', 'best']).default('final'),
});

/** What the summary and plots show besides the target. */
export const reportSchema = z.strictObject({
  title: z.string().optional(),
  /** Glob patterns of metrics shown as summary columns (default: every metric except `sv/*`). */
  metrics: z.array(z.string()).optional(),
  /** Metrics drawn as learning curves (default: the target metric). */
  curves: z.array(z.string()).optional(),
});

/** A named set of overrides, crossed with the grid (for combinations a grid cannot express). */
export const variantSchema = z.strictObject({
  name: z.string().min(1),
  set: z.record(z.string(), z.unknown()).default({}),
});

/**
 * A sweep file: a base config, a grid of overrides (key path -> values),
 * optional named variants, and seeds. Every (grid point, variant) is a
 * group; every group runs once per seed.
 */
export const sweepSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  /** The base experiment config, inline or as a path relative to the sweep file. */
  base: z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
    error: 'expected a config mapping or the path of a config file',
  }),
  /** Key path (`optimizer.lr`, `penalties[0].weight`) -> list of values; the grid is their cartesian product. */
  grid: z.record(z.string(), z.array(z.unknown()).min(1, 'give at least one value')).default({}),
  variants: z.array(variantSchema).min(1).optional(),
  /** Seeds to run every group with: a list, or a count n for 0..n-1. */
  seeds: z.union([z.array(z.number().int().nonnegative()).min(1), z.number().int().positive()]).default([0]),
  target: targetSchema.default({ metric: 'test/loss', mode: 'min', use: 'final' }),
  report: reportSchema.default({}),
  /** Default worker count (the command line's --workers wins). */
  workers: z.number().int().positive().optional(),
  /** Train each group's seeds as one batched model where the model supports it (as `compare --batch-runs`). */
  batchRuns: z.boolean().optional(),
});

export type SweepSpec = z.output<typeof sweepSchema>;
export type SweepTarget = z.output<typeof targetSchema>;
export type SweepReportOptions = z.output<typeof reportSchema>;
