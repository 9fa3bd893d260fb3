export type RunStatus = 'completed' | 'failed' | 'stopped';

/** Contents of `result.json`. */
export interface RunResult {
  readonly status: RunStatus;
  readonly steps: number;
  /** Metrics of the last evaluation. */
  readonly final: Readonly<Record<string, number>>;
  /** Best value of every metric over evaluations (min for losses/errors, max otherwise). */
  readonly best: Readonly<Record<string, number>>;
  readonly error?: { readonly message: string; readonly step?: number; readonly term?: string };
  readonly backend: string;
  readonly seed: number;
  readonly wallSeconds: number;
}
