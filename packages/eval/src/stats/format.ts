import type { Stat } from './interval.js';

/** A number with 4 significant digits (fixed output for equal input). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

/** Magnitudes outside [1e-3, 1e5) are written with a shared power of ten. */
function needsExponent(x: number): boolean {
  return x !== 0 && (x >= 1e5 || x < 1e-3);
}

/** `mean ± half` in fixed notation, the half-width to 2 significant digits and the mean to the same decimal place. */
function fixedPair(mean: number, half: number): string {
  const h = Number(half.toPrecision(2));
  const place = Math.floor(Math.log10(h)) - 1;
  if (place >= 0) {
    const unit = 10 ** place;
    return `${Math.round(mean / unit) * unit} ± ${h}`;
  }
  return `${mean.toFixed(-place)} ± ${h.toFixed(-place)}`;
}

/**
 * A mean and its 95% interval rounded to the precision the interval supports:
 * the half-width to 2 significant digits, the mean to the decimal place of
 * the half-width's second digit (`2.946 ± 0.020`, `123 ± 12`). Very large or
 * small values share a power of ten (`(1.20 ± 0.30)e-4`). Without an
 * interval (one value) the mean has 4 significant digits; an interval at
 * rounding level (seeds that agree) reads `± 0`.
 */
export function formatStat(s: Stat): string {
  if (!s.n || !Number.isFinite(s.mean)) return '—';
  if (!Number.isFinite(s.half)) return formatNumber(s.mean);
  if (s.half <= 1e-9 * Math.abs(s.mean) || s.half === 0) return `${formatNumber(s.mean)} ± 0`;
  const top = Math.max(Math.abs(s.mean), s.half);
  if (!needsExponent(top)) return fixedPair(s.mean, s.half);
  let exp = Math.floor(Math.log10(top));
  let pair = fixedPair(s.mean * 10 ** -exp, s.half * 10 ** -exp);
  // a mantissa that rounds up to 10 (9.96e-6 ± 7.7e-6 → "10.0 ± 7.7") moves to the next power
  if (Math.abs(parseFloat(pair)) >= 10 || parseFloat(pair.split(' ± ')[1]!) >= 10) {
    exp += 1;
    pair = fixedPair(s.mean * 10 ** -exp, s.half * 10 ** -exp);
  }
  return `(${pair})e${exp}`;
}
