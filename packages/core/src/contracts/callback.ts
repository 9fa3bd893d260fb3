import type { TrainableModel } from './model.js';
import type { Dataset } from './dataset.js';
import type { MetricInfo } from './metric.js';
import type { RunResult } from './result.js';

export interface TrainContext {
  readonly model: TrainableModel;
  readonly dataset: Dataset;
  readonly step: number;
  readonly totalSteps: number;
  readonly runDir?: string;
  /** What a metric key means (direction, label, unit), as its metric declared it; undefined when nothing describes it. */
  metricInfo?(key: string): MetricInfo | undefined;
  /** Set by a callback to end training after the current step (status `stopped`). */
  requestStop(reason: string): void;
}

export interface StepRecord {
  readonly step: number;
  /** Loss terms: `loss` (total), `loss/data`, `penalty/<name>` ... */
  readonly values: Readonly<Record<string, number>>;
}

/** Lightning-style hooks; every hook is optional. */
export interface Callback {
  onTrainStart?(ctx: TrainContext): void | Promise<void>;
  onStepEnd?(ctx: TrainContext, record: StepRecord): void | Promise<void>;
  onEvalEnd?(ctx: TrainContext, metrics: Readonly<Record<string, number>>): void | Promise<void>;
  onCheckpoint?(ctx: TrainContext, dir: string): void | Promise<void>;
  onTrainEnd?(ctx: TrainContext, result: RunResult): void | Promise<void>;
}
