import { describe, expect, it } from 'vitest';
import type { CollectedRun } from '@rankbias/eval';
import { evaluateStatistic, meanInterval, olsSlope, statisticSchema, verdictOf } from '../src/index.js';
import { inSweep, sweepAxes } from '../src/definitions/groups.js';

/** A finished run with the given params, seed, final metrics and curves. */
function run(
  params: Record<string, unknown>,
  seed: number,
  final: Record<string, number>,
  curves: Record<string, [number, number][]> = {},
): CollectedRun {
  return {
    id: `${JSON.stringify(params)}-${seed}`,
    group: JSON.stringify(params),
    label: JSON.stringify(params),
    seed,
    params,
    status: 'completed',
    result: {
      status: 'completed',
      steps: 10,
      final,
      best: {},
      backend: 'cpu',
      seed,
      wallSeconds: 1,
    } as unknown as CollectedRun['result'],
    curves: new Map(Object.entries(curves)),
  };
}

describe('meanInterval', () => {
  it('is mean ± t·s/√n and has no interval for one value', () => {
    const e = meanInterval([1, 2, 3, 4, NaN]);
    const half = 3.182446 * Math.sqrt(5 / 3 / 4); // t(0.975, 3) · s / √n
    expect(e.n).toBe(4);
    expect(e.value).toBeCloseTo(2.5, 12);
    expect(e.low).toBeCloseTo(2.5 - half, 5);
    expect(e.high).toBeCloseTo(2.5 + half, 5);
    const one = meanInterval([7]);
    expect([one.value, one.n, Number.isNaN(one.low)]).toEqual([7, 1, true]);
  });
});

describe('claim statistics', () => {
  const runs = [
    run({ variant: 'A', m: 1 }, 0, { err: 0.1 }),
    run({ variant: 'A', m: 1 }, 1, { err: 0.2 }),
    run({ variant: 'A', m: 1 }, 2, { err: 0.3 }),
    run({ variant: 'B', m: 1 }, 0, { err: 1.1 }),
    run({ variant: 'B', m: 1 }, 1, { err: 1.0 }),
    run({ variant: 'B', m: 1 }, 3, { err: 9.0 }), // no partner seed in A: ignored when pairing
  ];
  const parse = (s: unknown) => statisticSchema.parse(s);

  it('difference pairs runs by seed', () => {
    const e = evaluateStatistic(
      parse({ kind: 'difference', metric: 'err', a: { variant: 'A' }, b: { variant: 'B' } }),
      runs,
    );
    expect(e.n).toBe(2);
    expect(e.value).toBeCloseTo((0.1 - 1.1 + 0.2 - 1.0) / 2, 12);
  });

  it('ratio is the exponentiated mean log-ratio over paired seeds', () => {
    const e = evaluateStatistic(
      parse({ kind: 'ratio', metric: 'err', a: { variant: 'A' }, b: { variant: 'B' } }),
      runs,
    );
    expect(e.value).toBeCloseTo(Math.sqrt((0.1 / 1.1) * (0.2 / 1.0)), 12);
  });

  it('mean uses every seed of the group', () => {
    const e = evaluateStatistic(parse({ kind: 'mean', metric: 'err', group: { variant: 'A', m: 1 } }), runs);
    expect([e.n, e.value]).toEqual([3, expect.closeTo(0.2, 12)]);
  });

  it('slope is fitted per seed against the (log) axis', () => {
    const lin = [1, 2, 4].flatMap((d) =>
      [0, 1].map((seed) => run({ depth: d }, seed, { h: 3 - Math.log(d) * (seed + 1) })),
    );
    const e = evaluateStatistic(parse({ kind: 'slope', metric: 'h', over: 'depth', log: true }), lin);
    expect(e.n).toBe(2);
    expect(e.value).toBeCloseTo(-1.5, 10);
    expect(olsSlope([0, 1, 2], [1, 3, 5])).toBeCloseTo(2, 12);
  });

  it('reads a value at a step and the mean over the last part of training from the curves', () => {
    const curve: [number, number][] = [
      [0, 10],
      [25, 8],
      [50, 6],
      [75, 4],
      [100, 2],
    ];
    const r = [run({}, 0, { x: 2 }, { x: curve })];
    expect(evaluateStatistic(parse({ kind: 'mean', metric: 'x', value: { at: 25 }, group: {} }), r).value).toBe(8);
    expect(evaluateStatistic(parse({ kind: 'mean', metric: 'x', value: { meanLast: 0.25 }, group: {} }), r).value).toBe(
      3,
    );
  });

  it('verdicts: the whole interval, only the mean, neither, nothing measured', () => {
    expect(verdictOf({ value: 1, low: 0.5, high: 1.5, n: 3 }, { below: 2 })).toBe('agrees');
    expect(verdictOf({ value: 1, low: 0.5, high: 2.5, n: 3 }, { below: 2 })).toBe('partly');
    expect(verdictOf({ value: 1, low: NaN, high: NaN, n: 1 }, { below: 2 })).toBe('partly');
    expect(verdictOf({ value: 3, low: 2.5, high: 3.5, n: 3 }, { below: 2 })).toBe('disagrees');
    expect(verdictOf({ value: 3, low: 2.5, high: 3.5, n: 3 }, { above: 2 })).toBe('agrees');
    expect(verdictOf({ value: NaN, low: NaN, high: NaN, n: 0 }, { above: 2 })).toBe('not run');
  });
});

describe('runs of the current sweep', () => {
  it('runs of a grid value the sweep no longer has are left out', () => {
    const axes = sweepAxes({ grid: { lr: [0.1, 0.2] }, variants: [{ name: 'A' }] });
    expect(inSweep({ lr: 0.1, variant: 'A' }, axes)).toBe(true);
    expect(inSweep({ lr: 0.4, variant: 'A' }, axes)).toBe(false);
    expect(inSweep({ lr: 0.1, variant: 'B' }, axes)).toBe(false);
  });
});
