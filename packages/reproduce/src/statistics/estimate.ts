import { stat } from '@rankbias/eval';

/** A point estimate with its two-sided 95% confidence interval (NaN bounds when n < 2). */
export interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
}

/** Mean of the finite values with its 95% Student-t interval (eval's `stat`). */
export function meanInterval(values: readonly number[]): Estimate {
  const s = stat(values);
  return { value: s.mean, low: s.lo, high: s.hi, n: s.n };
}
