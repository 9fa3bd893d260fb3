import { describe, expect, it } from 'vitest';
import { effectiveRank, spectralEntropy } from './spectrum.js';

describe('spectral entropy and effective rank', () => {
  it('equal singular values: H = log k, erank = k', () => {
    expect(spectralEntropy([2, 2, 2, 2])).toBeCloseTo(Math.log(4), 12);
    expect(effectiveRank([3, 3, 3, 3, 3])).toBeCloseTo(5, 10);
  });

  it('rank one and zeros: erank = 1; zero matrix gives H = 0', () => {
    expect(effectiveRank([7, 0, 0])).toBe(1);
    expect(spectralEntropy([0, 0])).toBe(0);
  });

  it('matches the definition on an uneven spectrum and is scale invariant', () => {
    const s = [4, 2, 1];
    const p = s.map((x) => x / 7);
    const h = -p.reduce((acc, x) => acc + x * Math.log(x), 0);
    expect(spectralEntropy(s)).toBeCloseTo(h, 12);
    expect(effectiveRank(s.map((x) => x * 1e6))).toBeCloseTo(Math.exp(h), 9);
  });
});
