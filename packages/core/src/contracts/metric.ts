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

/** A metric returns named numbers, e.g. `{ 'erank/hidden_0/kernel': 3.1 }`. */
export interface Metric {
  compute(ctx: MetricContext): Record<string, number> | Promise<Record<string, number>>;
}
