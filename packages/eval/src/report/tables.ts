import type { SweepTarget } from '../sweep/schema.js';
import { formatParam } from '../sweep/expand.js';
import type { CollectedRun } from './collect.js';
import { targetStat, type GroupSummary } from './aggregate.js';
import { formatStat } from './stats.js';

/** What the summary describes. */
export interface SummaryContext {
  readonly title: string;
  readonly description?: string;
  readonly target: SweepTarget;
  readonly axes: readonly string[];
  readonly metrics: readonly string[];
}

/** Column header of a metric, e.g. `test/loss (final)`. */
function header(metric: string, which: 'final' | 'best'): string {
  return `${metric} (${which})`;
}

/** Rows of the summary table as plain strings (shared by markdown and HTML). */
export function summaryRows(groups: readonly GroupSummary[], ctx: SummaryContext): { head: string[]; rows: string[][] } {
  const other = ctx.target.use === 'best' ? 'final' : 'best';
  const head = [
    '#',
    'group',
    'n',
    header(ctx.target.metric, ctx.target.use),
    header(ctx.target.metric, other),
    ...ctx.metrics.slice(1).map((m) => header(m, 'final')),
  ];
  const rows = groups.map((g, i) => [
    String(i + 1),
    g.label,
    `${g.n}${g.failed ? ` (${g.failed} failed)` : ''}${g.missing ? ` (${g.missing} missing)` : ''}`,
    targetStat(g, ctx.target) ? formatStat(targetStat(g, ctx.target)!) : '—',
    g[other][ctx.target.metric] ? formatStat(g[other][ctx.target.metric]!) : '—',
    ...ctx.metrics.slice(1).map((m) => (g.final[m] ? formatStat(g.final[m]!) : '—')),
  ]);
  return { head, rows };
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** `summary.md`: title, how groups are ranked, the table (no timestamps: equal runs give equal text). */
export function summaryMarkdown(groups: readonly GroupSummary[], runs: readonly CollectedRun[], ctx: SummaryContext): string {
  const { head, rows } = summaryRows(groups, ctx);
  const count = (s: string) => runs.filter((r) => r.status === s).length;
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const lines = [
    `# ${ctx.title}`,
    '',
    ...(ctx.description ? [ctx.description.trim(), ''] : []),
    `Ranked by \`${ctx.target.metric}\` (${ctx.target.use}, ${ctx.target.mode === 'min' ? 'lower' : 'higher'} is better); ` +
      `mean ± sample std over seeds ${seeds.join(', ')}; n = finished runs.`,
    `Runs: ${runs.length} (${count('completed') + count('stopped')} finished, ${count('failed')} failed, ${count('missing')} not finished).`,
    '',
    `| ${head.map(mdCell).join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 || i === 2 ? '---:' : i === 1 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
    '',
  ];
  return lines.join('\n');
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** `summary.csv`: one row per group (sorted as the summary), every metric's final/best mean, std and n. */
export function summaryCsv(groups: readonly GroupSummary[], ctx: SummaryContext): string {
  const metrics = [...new Set(groups.flatMap((g) => Object.keys(g.final)))].sort();
  const head = [
    'rank',
    'group',
    'label',
    ...ctx.axes,
    'n',
    'failed',
    'missing',
    ...metrics.flatMap((m) => ['final', 'best'].flatMap((w) => [`${m}:${w}:mean`, `${m}:${w}:std`])),
  ];
  const rows = groups.map((g, i) => [
    String(i + 1),
    g.group,
    g.label,
    ...ctx.axes.map((a) => (a in g.params ? formatParam(g.params[a]) : '')),
    String(g.n),
    String(g.failed),
    String(g.missing),
    ...metrics.flatMap((m) =>
      (['final', 'best'] as const).flatMap((w) => {
        const s = g[w][m];
        return s ? [formatFull(s.mean), formatFull(s.std)] : ['', ''];
      }),
    ),
  ]);
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

function formatFull(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

