import type { MetricInfo } from './metric.js';

export type RunStatus = 'completed' | 'failed' | 'stopped';

/** Contents of `result.json`. */
export interface RunResult {
  readonly status: RunStatus;
  readonly steps: number;
  /** Metrics of the last evaluation. */
  readonly final: Readonly<Record<string, number>>;
  /** Best value over evaluations of every metric with a direction (`min`/`max`); metrics with direction `none` have none. */
  readonly best: Readonly<Record<string, number>>;
  /** Direction, label, unit and references of every key in `final` and of the training step's terms. */
  readonly metrics?: Readonly<Record<string, MetricInfo>>;
  readonly error?: { readonly message: string; readonly step?: number; readonly term?: string };
  readonly backend: string;
  /** The float64 accelerator the spectral penalties and metrics ran on (its one-line name); absent for plain JS. */
  readonly linalg?: string;
  readonly seed: number;
  readonly wallSeconds: number;
}
