import { describe, expect, it } from 'vitest';
import { generateMatrixCompletion, relativeError, rmse } from '../../src/matrix-completion/problem.js';
import { denseMatrix, singularValues } from '@rankbias/core';

describe('generateMatrixCompletion', () => {
  const p = generateMatrixCompletion({ size: 30, rank: 3, observed: 200, seed: 7 });

  it('has ‖W*‖_F = N and rank r', () => {
    const fro = Math.sqrt(p.truth.reduce((a, x) => a + x * x, 0));
    expect(fro).toBeCloseTo(30, 9);
    const s = singularValues(denseMatrix(30, 30, p.truth));
    expect(s[2]! / s[0]!).toBeGreaterThan(1e-3);
    expect(s[3]! / s[0]!).toBeLessThan(1e-12);
  });

  it('observes m distinct entries and tests on all the others', () => {
    expect(p.observed.length).toBe(200);
    expect(new Set(p.observed).size).toBe(200);
    expect(p.unobserved.length).toBe(900 - 200);
    const all = new Set([...p.observed, ...p.unobserved]);
    expect(all.size).toBe(900);
  });

  it('is deterministic in the seed and differs between seeds', () => {
    const again = generateMatrixCompletion({ size: 30, rank: 3, observed: 200, seed: 7 });
    expect(Array.from(again.truth)).toEqual(Array.from(p.truth));
    expect(Array.from(again.observed)).toEqual(Array.from(p.observed));
    const other = generateMatrixCompletion({ size: 30, rank: 3, observed: 200, seed: 8 });
    expect(Array.from(other.observed)).not.toEqual(Array.from(p.observed));
  });

  it('samples entries uniformly (every row observed about m/N times)', () => {
    const big = generateMatrixCompletion({ size: 50, rank: 2, observed: 1250, seed: 1 });
    const perRow = new Array(50).fill(0);
    for (const i of big.observed) perRow[Math.floor(i / 50)]++;
    const mean = 25;
    const chi2 = perRow.reduce((a, c) => a + (c - mean) ** 2 / mean, 0);
    expect(chi2).toBeLessThan(100); // 49 d.o.f.; P(chi2 > 100) < 1e-4
  });

  it('rejects impossible options with the fix in the message', () => {
    expect(() => generateMatrixCompletion({ size: 10, rank: 11, observed: 5, seed: 0 })).toThrow(
      /rank must be in 1..size/,
    );
    expect(() => generateMatrixCompletion({ size: 10, rank: 2, observed: 100, seed: 0 })).toThrow(
      /observed must be in 1..size²−1 \(99\)/,
    );
  });
});

describe('errors', () => {
  it('relative error and RMSE over a subset', () => {
    const truth = [1, 2, 3, 4];
    const guess = [1, 0, 3, 8];
    expect(relativeError(guess, truth, [1, 3])).toBeCloseTo(Math.sqrt((4 + 16) / (4 + 16)), 12);
    expect(rmse(guess, truth, [0, 1])).toBeCloseTo(Math.sqrt(2), 12);
  });
});
