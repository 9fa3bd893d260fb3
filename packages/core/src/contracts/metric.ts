import type { TrainableModel } from './model.js';
import type { Dataset, Split } from './dataset.js';

export interface Evaluation {
  readonly loss: number;
  readonly accuracy?: number;
}

export interface MetricContext {
  readonly model: TrainableModel;
  readonly dataset: Dataset;
  readonly step: number;
  /** Loss (and accuracy for classification) on a split; cached within one evaluation round. */
  evaluate(split: Split): Promise<Evaluation>;
}

/** Which way a metric improves: `min` (errors, losses), `max` (accuracy) or `none` (a description, e.g. a rank). */
export type MetricDirection = 'min' | 'max' | 'none';

/** A value worth drawing next to a metric, e.g. the true rank of a synthetic task. */
export interface MetricReference {
  readonly value: number;
  /** Short legend text, e.g. `true rank`. */
  readonly label: string;
}

/** What one metric key means: how it improves, how to title it, its unit and reference values. */
export interface MetricInfo {
  readonly direction: MetricDirection;
  /** Human label for tables and axis titles, e.g. `effective rank of end-to-end`. */
  readonly label: string;
  /** Unit, e.g. `s` or `fraction`; `''` for a dimensionless number. */
  readonly unit: string;
  readonly reference?: readonly MetricReference[];
}

/**
 * The `MetricInfo` of the keys matching `key`, where `*` stands for any run of
 * characters (e.g. `erank/*`); in `label`, `{*}` is replaced by what `*` matched.
 */
export interface MetricKeyInfo extends MetricInfo {
  readonly key: string;
}

/** What `Metric.describe` can look at: the run's dataset (e.g. for a known true rank). */
export interface MetricDescribeContext {
  readonly dataset: Dataset;
}

/** A metric returns named numbers, e.g. `{ 'erank/hidden_0/kernel': 3.1 }`, and describes them. */
export interface Metric {
  compute(ctx: MetricContext): Record<string, number> | Promise<Record<string, number>>;
  /** Direction, label, unit and references of every key `compute` returns (patterns with `*` allowed). */
  describe(ctx: MetricDescribeContext): readonly MetricKeyInfo[];
}
