import { globMatch } from '@rankbias/core';
import type { SweepTarget } from '../sweep/schema.js';
import type { CollectedRun } from './collect.js';
import { stat, type Stat } from '../stats/interval.js';

/** Runs that share a config apart from the seed, summarised. */
export interface GroupSummary {
  readonly group: string;
  readonly label: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seeds: number[];
  /** Completed (or stopped) runs. */
  readonly n: number;
  readonly failed: number;
  readonly missing: number;
  readonly final: Readonly<Record<string, Stat>>;
  readonly best: Readonly<Record<string, Stat>>;
}

/** The value a group is ranked by. */
export function targetStat(g: GroupSummary, target: SweepTarget): Stat | undefined {
  return (target.use === 'best' ? g.best : g.final)[target.metric];
}

/**
 * Groups runs by config (seed excluded) and computes mean, std, n and 95% CI of
 * every final and best metric over the finished runs; groups are sorted by
 * the target (better first, groups without it last, ties by label).
 */
export function aggregate(runs: readonly CollectedRun[], target: SweepTarget): GroupSummary[] {
  const byGroup = new Map<string, CollectedRun[]>();
  for (const r of runs) {
    const list = byGroup.get(r.group) ?? [];
    list.push(r);
    byGroup.set(r.group, list);
  }
  const groups: GroupSummary[] = [];
  for (const [group, list] of byGroup) {
    list.sort((a, b) => a.seed - b.seed);
    const done = list.filter((r) => r.result && (r.status === 'completed' || r.status === 'stopped'));
    const summarise = (which: 'final' | 'best') => {
      const keys = [...new Set(done.flatMap((r) => Object.keys(r.result![which])))].sort();
      return Object.fromEntries(keys.map((k) => [k, stat(done.map((r) => r.result![which][k] ?? NaN))]));
    };
    groups.push({
      group,
      label: list[0]!.label,
      params: list[0]!.params,
      seeds: list.map((r) => r.seed),
      n: done.length,
      failed: list.filter((r) => r.status === 'failed').length,
      missing: list.filter((r) => r.status === 'missing').length,
      final: summarise('final'),
      best: summarise('best'),
    });
  }
  const sign = target.mode === 'min' ? 1 : -1;
  return groups.sort((a, b) => {
    const x = targetStat(a, target)?.mean ?? NaN;
    const y = targetStat(b, target)?.mean ?? NaN;
    if (Number.isFinite(x) !== Number.isFinite(y)) return Number.isFinite(x) ? -1 : 1;
    if (Number.isFinite(x) && x !== y) return sign * (x - y);
    return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
  });
}

/** Metric columns of the summary: the target first, then the selected metrics (default: all but `sv/*`), sorted. */
export function summaryMetrics(
  groups: readonly GroupSummary[],
  target: SweepTarget,
  patterns?: readonly string[],
): string[] {
  const all = [...new Set(groups.flatMap((g) => Object.keys(g.final)))].sort();
  const chosen = all.filter((k) => (patterns?.length ? patterns.some((p) => globMatch(p, k)) : !k.startsWith('sv/')));
  return [target.metric, ...chosen.filter((k) => k !== target.metric)];
}

/** Mean and 95% CI of a metric over the runs of each group, per step (steps where at least one run has it). */
export interface CurvePoint {
  readonly label: string;
  readonly step: number;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
}

/** Learning curve points of `metric` for every group, sorted by group order then step. */
export function curvePoints(
  runs: readonly CollectedRun[],
  groups: readonly GroupSummary[],
  metric: string,
): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (const g of groups) {
    const byStep = new Map<number, number[]>();
    for (const r of runs) {
      if (r.group !== g.group) continue;
      for (const [step, v] of r.curves.get(metric) ?? []) {
        const l = byStep.get(step) ?? [];
        l.push(v);
        byStep.set(step, l);
      }
    }
    for (const step of [...byStep.keys()].sort((a, b) => a - b)) {
      const s = stat(byStep.get(step)!);
      const half = Number.isFinite(s.half) ? s.half : 0;
      out.push({ label: g.label, step, mean: s.mean, lo: s.mean - half, hi: s.mean + half, n: s.n });
    }
  }
  return out;
}
