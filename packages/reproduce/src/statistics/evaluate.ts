import type { CollectedRun } from '@rankbias/eval';
import { matchesGroup } from '../definitions/groups.js';
import type { GroupFilter, Statistic } from '../definitions/schema.js';
import { runValue } from './run-values.js';
import { meanInterval, type Estimate } from './estimate.js';

/** seed → value of the runs in a group. */
function bySeed(runs: readonly CollectedRun[], filter: GroupFilter, s: Statistic): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of runs) {
    if (!matchesGroup(r.params, filter)) continue;
    const v = runValue(r, s.metric, s.value);
    if (Number.isFinite(v)) out.set(r.seed, v);
  }
  return out;
}

function paired(a: Map<number, number>, b: Map<number, number>, f: (x: number, y: number) => number): number[] {
  return [...a].filter(([seed]) => b.has(seed)).map(([seed, x]) => f(x, b.get(seed)!));
}

/** Least-squares slope of y on x. */
export function olsSlope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

/**
 * The statistic of a claim over a sweep's collected runs, with its 95% interval over
 * seeds. Differences and ratios pair runs by seed; slopes are fitted per seed over
 * the groups matching `where` (those with all points finite).
 */
export function evaluateStatistic(s: Statistic, runs: readonly CollectedRun[]): Estimate {
  switch (s.kind) {
    case 'mean':
      return meanInterval([...bySeed(runs, s.group, s).values()]);
    case 'difference':
      return meanInterval(paired(bySeed(runs, s.a, s), bySeed(runs, s.b, s), (x, y) => x - y));
    case 'ratio': {
      const logs = meanInterval(
        paired(bySeed(runs, s.a, s), bySeed(runs, s.b, s), (x, y) => (x > 0 && y > 0 ? Math.log(x / y) : NaN)),
      );
      return { value: Math.exp(logs.value), low: Math.exp(logs.low), high: Math.exp(logs.high), n: logs.n };
    }
    case 'slope': {
      const points = new Map<number, [number, number][]>();
      for (const r of runs) {
        if (!matchesGroup(r.params, s.where) || typeof r.params[s.over] !== 'number') continue;
        const y = runValue(r, s.metric, s.value);
        const x = r.params[s.over] as number;
        const list = points.get(r.seed) ?? [];
        list.push([s.log ? Math.log(x) : x, y]);
        points.set(r.seed, list);
      }
      const slopes = [...points.values()]
        .filter((p) => p.length >= 2 && p.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)))
        .map((p) =>
          olsSlope(
            p.map(([x]) => x),
            p.map(([, y]) => y),
          ),
        );
      return meanInterval(slopes);
    }
  }
}
