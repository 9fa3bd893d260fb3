import { describe, expect, it } from 'vitest';
import { formatStat } from '../../src/stats/format.js';
import { intervalsOverlap, pairedDifference, stat, type Stat } from '../../src/stats/interval.js';
import { studentTCdf, studentTQuantile } from '../../src/stats/student-t.js';

// Closed forms of the 0.975 quantile: ν=1 Cauchy tan(π(p−½)); ν=2 (2p−1)/√(2p(1−p));
// ν=4 with α = 4p(1−p): 2·√(cos(⅓·acos(√α))/√α − 1).
const p = 0.975;
const alpha = 4 * p * (1 - p);
const closed = {
  1: Math.tan(Math.PI * (p - 0.5)),
  2: (2 * p - 1) / Math.sqrt(2 * p * (1 - p)),
  4: 2 * Math.sqrt(Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha) - 1),
};

describe('Student t', () => {
  it('0.975 quantiles match the closed forms for 1, 2 and 4 degrees of freedom and the table values', () => {
    for (const [df, t] of Object.entries(closed)) expect(studentTQuantile(p, Number(df))).toBeCloseTo(t, 10);
    expect(studentTQuantile(p, 2)).toBeCloseTo(4.302653, 6);
    expect(studentTQuantile(p, 4)).toBeCloseTo(2.776445, 6);
    expect(studentTQuantile(p, 29)).toBeCloseTo(2.04523, 5); // table value
    expect(studentTQuantile(p, 1e6)).toBeCloseTo(1.959966, 5); // normal limit
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-closed[4], 10);
  });

  it('the CDF of ν=2 matches its closed form ½ + t/(2√(2+t²))', () => {
    for (const t of [-3, -0.5, 0, 0.7, 5])
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(/0 < p < 1/);
  });
});

describe('confidence intervals', () => {
  it('stat gives the t-interval mean ± t₀.₉₇₅,ₙ₋₁·s/√n', () => {
    const values = [1, 2, 4];
    const mean = 7 / 3;
    const s = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 2);
    const r = stat(values);
    expect(r.mean).toBeCloseTo(mean, 14);
    expect(r.std).toBeCloseTo(s, 14);
    expect(r.half).toBeCloseTo((closed[2] * s) / Math.sqrt(3), 10);
    expect(r.lo).toBeCloseTo(mean - r.half, 14);
    expect(r.hi).toBeCloseTo(mean + r.half, 14);
    const five = stat([3, 1, 4, 1, 5]);
    expect(five.half).toBeCloseTo((closed[4] * five.std) / Math.sqrt(5), 10);
    expect(stat([5]).half).toBeNaN();
    expect(stat([NaN, 3]).n).toBe(1);
  });

  it('paired differences use only shared seeds', () => {
    const a = new Map([
      [0, 1.0],
      [1, 2.0],
      [2, 3.5],
      [5, 9],
    ]);
    const b = new Map([
      [0, 0.5],
      [1, 1.0],
      [2, 2.5],
      [3, 7],
    ]);
    const d = pairedDifference(a, b);
    expect(d.seeds).toEqual([0, 1, 2]);
    expect(d.mean).toBeCloseTo((0.5 + 1 + 1) / 3, 14);
    expect(d.half).toBeCloseTo((closed[2] * stat([0.5, 1, 1]).std) / Math.sqrt(3), 10);
  });

  it('overlap of intervals', () => {
    const a = stat([1, 1.1, 1.2]);
    expect(intervalsOverlap(a, stat([1.15, 1.2, 1.3]))).toBe(true);
    expect(intervalsOverlap(a, stat([5, 5.1, 5.2]))).toBe(false);
    expect(intervalsOverlap(a, stat([1.1]))).toBe(false);
  });
});

describe('rounding to the interval', () => {
  const s = (mean: number, half: number, n = 3): Stat => ({
    mean,
    half,
    n,
    std: NaN,
    lo: mean - half,
    hi: mean + half,
  });
  it('keeps two significant digits of the half-width and rounds the mean to the same place', () => {
    expect(formatStat(s(2.946123, 0.0203))).toBe('2.946 ± 0.020');
    expect(formatStat(s(0.08812, 0.0123))).toBe('0.088 ± 0.012');
    expect(formatStat(s(123.456, 12.3))).toBe('123 ± 12');
    expect(formatStat(s(12345.6, 234))).toBe('12350 ± 230');
    expect(formatStat(s(1, 4.3e-6))).toBe('1.0000000 ± 0.0000043');
    expect(formatStat(s(0.0996, 0.0996))).toBe('0.10 ± 0.10'); // 0.0996 rounds up a decade
  });
  it('writes very small or large values with a shared power of ten', () => {
    expect(formatStat(s(0.000123, 0.0000301))).toBe('(1.23 ± 0.30)e-4');
    expect(formatStat(s(2.5e7, 1.234e6))).toBe('(2.50 ± 0.12)e7');
  });
  it('without an interval: 4 significant digits; a zero-width interval reads ± 0; no values: a dash', () => {
    expect(formatStat(s(2.9461, NaN, 1))).toBe('2.946');
    expect(formatStat(s(3, 0))).toBe('3 ± 0');
    expect(formatStat(s(3, 1e-12))).toBe('3 ± 0');
    expect(formatStat({ mean: NaN, std: NaN, n: 0, half: NaN, lo: NaN, hi: NaN })).toBe('—');
  });
});

describe('rounding at a power of ten', () => {
  it('a mean that rounds up to the next decade takes that exponent', () => {
    expect(formatStat({ mean: 9.998e-6, half: 7.7e-6, n: 3, std: NaN, lo: NaN, hi: NaN })).toBe('(1.00 ± 0.77)e-5');
    expect(formatStat({ mean: 9.96e-6, half: 7.7e-6, n: 3, std: NaN, lo: NaN, hi: NaN })).toBe('(1.00 ± 0.77)e-5');
  });
});
