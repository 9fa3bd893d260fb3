import type { MetricInfo } from '@rankbias/core';
import type { CollectedRun } from './collect.js';

/** What the report knows about each metric key: what the runs' result.json declared. */
export type MetricInfoMap = ReadonlyMap<string, MetricInfo>;

/** The metric info recorded by the runs (the first run that describes a key wins). */
export function metricInfoOfRuns(runs: readonly CollectedRun[]): Map<string, MetricInfo> {
  const out = new Map<string, MetricInfo>();
  for (const r of runs) for (const [k, v] of Object.entries(r.result?.metrics ?? {})) if (!out.has(k)) out.set(k, v);
  return out;
}

/** The info of `key`, or a neutral one (its own name, no direction) for runs written before metrics described themselves. */
export function infoOf(infos: MetricInfoMap, key: string): MetricInfo {
  return infos.get(key) ?? { direction: 'none', label: key, unit: '' };
}

/** An axis title: the human label with its unit, e.g. `wall time (s)`. */
export function axisTitle(info: MetricInfo): string {
  return info.unit ? `${info.label} (${info.unit})` : info.label;
}

/** `lower is better` / `higher is better` / `no better direction`. */
export function directionText(info: MetricInfo): string {
  return info.direction === 'min'
    ? 'lower is better'
    : info.direction === 'max'
      ? 'higher is better'
      : 'no better direction';
}
