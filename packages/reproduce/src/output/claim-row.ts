import type { Claim, Statistic } from '../definitions/schema.js';
import type { Estimate } from '../statistics/estimate.js';
import { formatCriterion, type Verdict } from '../statistics/verdict.js';

/** One line of the claims table: the claim, what was measured, and the verdict. */
export interface ClaimRow {
  readonly id: string;
  readonly result: number;
  readonly claim: string;
  readonly setting: string;
  readonly experiment: string;
  /** The statistic in words, e.g. "ratio of test/rel_error: a / b, paired by seed". */
  readonly statistic: string;
  readonly estimate: Estimate;
  readonly criterion: string;
  readonly verdict: Verdict;
  /** Finished runs of the experiment and how many it has. */
  readonly runs: { readonly finished: number; readonly total: number };
  /** Wall time spent training the experiment's sweep so far (shared by its claims). */
  readonly wallSeconds: number;
  /** The sweep's report, relative to the claims files. */
  readonly report: string;
  readonly rationale?: string;
}

function describeGroup(g: Record<string, unknown>): string {
  const parts = Object.entries(g).map(([k, v]) => (k === 'variant' ? String(v) : `${k}=${JSON.stringify(v)}`));
  return parts.length ? parts.join(', ') : 'all';
}

function describeValue(s: Statistic): string {
  if (s.value === 'final' || s.value === 'best') return `${s.value} ${s.metric}`;
  if ('at' in s.value) return `${s.metric} at step ${s.value.at}`;
  return `${s.metric} averaged over the last ${Math.round(s.value.meanLast * 100)}% of training`;
}

/** The statistic in words. */
export function describeStatistic(s: Statistic): string {
  const v = describeValue(s);
  switch (s.kind) {
    case 'mean':
      return `mean ${v} [${describeGroup(s.group)}]`;
    case 'difference':
      return `${v}: [${describeGroup(s.a)}] − [${describeGroup(s.b)}], paired by seed`;
    case 'ratio':
      return `${v}: [${describeGroup(s.a)}] / [${describeGroup(s.b)}], paired by seed`;
    case 'slope':
      return `slope of ${v} against ${s.log ? `log ${s.over}` : s.over}${Object.keys(s.where).length ? ` [${describeGroup(s.where)}]` : ''}, per seed`;
  }
}

export function claimRow(
  claim: Claim,
  estimate: Estimate,
  verdict: Verdict,
  extra: { runs: ClaimRow['runs']; wallSeconds: number; report: string },
): ClaimRow {
  return {
    id: claim.id,
    result: claim.result,
    claim: claim.claim,
    setting: claim.setting,
    experiment: claim.experiment,
    statistic: describeStatistic(claim.statistic),
    estimate,
    criterion: formatCriterion(claim.criterion),
    verdict,
    ...extra,
    ...(claim.rationale ? { rationale: claim.rationale } : {}),
  };
}

/** A number with 3 significant digits. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}

/** "0.0123 [0.0101, 0.0145] (n = 3)", or the value alone without an interval. */
export function formatEstimate(e: Estimate): string {
  if (!e.n) return '—';
  const ci = Number.isFinite(e.low) ? ` [${formatValue(e.low)}, ${formatValue(e.high)}]` : '';
  return `${formatValue(e.value)}${ci} (n = ${e.n})`;
}

/** "3m05s" / "42s" / "1h02m". */
export function formatWall(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
