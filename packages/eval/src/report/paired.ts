import { CliUsageError } from '@rankbias/core';
import { formatNumber, formatStat } from '../stats/format.js';
import { pairedDifference, type Stat } from '../stats/interval.js';
import type { CollectedRun } from './collect.js';

/** The paired difference of a metric between two groups over the seeds both finished. */
export interface PairedComparison {
  readonly a: string;
  readonly b: string;
  readonly metric: string;
  readonly use: 'final' | 'best';
  readonly difference: Stat & { seeds: number[] };
}

function valuesBySeed(
  runs: readonly CollectedRun[],
  label: string,
  metric: string,
  use: 'final' | 'best',
): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of runs) {
    if (r.label !== label || !r.result || (r.status !== 'completed' && r.status !== 'stopped')) continue;
    const v = r.result[use][metric];
    if (v !== undefined) out.set(r.seed, v);
  }
  return out;
}

/** Compares groups `a` and `b` (by label) on `metric`: per seed a − b, then mean and 95% t-interval. */
export function comparePaired(
  runs: readonly CollectedRun[],
  a: string,
  b: string,
  metric: string,
  use: 'final' | 'best',
): PairedComparison {
  const labels = [...new Set(runs.map((r) => r.label))].sort();
  for (const l of [a, b]) {
    if (!labels.includes(l))
      throw new CliUsageError(`no group "${l}" in this sweep; groups: ${labels.map((x) => `"${x}"`).join(', ')}`);
  }
  const difference = pairedDifference(valuesBySeed(runs, a, metric, use), valuesBySeed(runs, b, metric, use));
  if (!difference.seeds.length) {
    throw new CliUsageError(
      `"${a}" and "${b}" share no finished seed with ${metric} (${use}); run the missing seeds or pick other groups`,
    );
  }
  return { a, b, metric, use, difference };
}

/** The comparison as printed lines. */
export function pairedLines(c: PairedComparison): string[] {
  const d = c.difference;
  const head = `${c.metric} (${c.use}): "${c.a}" − "${c.b}" over ${d.seeds.length} shared seed(s) (${d.seeds.join(', ')})`;
  if (!Number.isFinite(d.half)) return [head, `mean difference ${formatNumber(d.mean)} (one shared seed: no interval)`];
  const verdict =
    d.lo > 0 || d.hi < 0
      ? `the interval excludes 0: "${d.mean > 0 ? c.a : c.b}" is higher`
      : 'the interval contains 0: no difference shown at this number of seeds';
  return [
    head,
    `mean difference ${formatStat(d)} (95% CI [${formatNumber(d.lo)}, ${formatNumber(d.hi)}], Student t, paired by seed); ${verdict}`,
  ];
}
