/** Mean, sample standard deviation and count of finite values. */
export interface Stat {
  readonly mean: number;
  /** Sample standard deviation (n − 1); NaN for fewer than two values. */
  readonly std: number;
  readonly n: number;
}

/** Mean ± sample std of the finite entries of `values`. */
export function stat(values: readonly number[]): Stat {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (!n) return { mean: NaN, std: NaN, n: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
  return { mean, std, n };
}

/** A number with 4 significant digits (fixed output for equal input). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

/** `mean ± std`, or just the mean when std is undefined. */
export function formatStat(s: Stat): string {
  if (!s.n) return '—';
  if (!Number.isFinite(s.std)) return formatNumber(s.mean);
  // A spread at rounding level (seeds that agree exactly) reads as 0.
  const std = s.std <= 1e-9 * Math.abs(s.mean) ? 0 : s.std;
  return `${formatNumber(s.mean)} ± ${formatNumber(std)}`;
}
