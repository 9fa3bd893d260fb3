import { studentTQuantile } from './student-t.js';

/** Mean, sample standard deviation, count and the 95% confidence interval of the mean. */
export interface Stat {
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN for fewer than two values. */
  readonly std: number;
  readonly n: number;
  /** Half-width of the 95% Student t interval, t₀.₉₇₅,ₙ₋₁ · std / √n; NaN for fewer than two values. */
  readonly half: number;
  /** mean − half and mean + half (NaN without an interval). */
  readonly lo: number;
  readonly hi: number;
}

/** The confidence level of every interval in the reports. */
export const CONFIDENCE = 0.95;

/** Mean, sample std and 95% t-interval of the finite entries of `values`. */
export function stat(values: readonly number[]): Stat {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (!n) return { mean: NaN, std: NaN, n: 0, half: NaN, lo: NaN, hi: NaN };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, std: NaN, n, half: NaN, lo: NaN, hi: NaN };
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * std) / Math.sqrt(n);
  return { mean, std, n, half, lo: mean - half, hi: mean + half };
}

/** True when both have intervals and they share a point. */
export function intervalsOverlap(a: Stat, b: Stat): boolean {
  return Number.isFinite(a.half) && Number.isFinite(b.half) && a.lo <= b.hi && b.lo <= a.hi;
}

/** The paired difference `a − b` over the seeds both have (finite values only). */
export function pairedDifference(
  a: ReadonlyMap<number, number>,
  b: ReadonlyMap<number, number>,
): Stat & { seeds: number[] } {
  const seeds = [...a.keys()]
    .filter((s) => b.has(s) && Number.isFinite(a.get(s)!) && Number.isFinite(b.get(s)!))
    .sort((x, y) => x - y);
  return { ...stat(seeds.map((s) => a.get(s)! - b.get(s)!)), seeds };
}
