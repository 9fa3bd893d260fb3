import type { SweepTarget } from '../sweep/schema.js';
import { formatParam } from '../sweep/expand.js';
import type { CollectedRun } from './collect.js';
import { targetStat, type GroupSummary } from './aggregate.js';
import { formatStat } from '../stats/format.js';
import { intervalsOverlap, type Stat } from '../stats/interval.js';
import { axisTitle, directionText, infoOf, type MetricInfoMap } from './metric-labels.js';

/** What the summary describes. */
export interface SummaryContext {
  readonly title: string;
  readonly description?: string;
  readonly target: SweepTarget;
  readonly axes: readonly string[];
  readonly metrics: readonly string[];
  readonly info: MetricInfoMap;
}

/** One column of the summary and the sentence that explains it. */
export interface SummaryColumn {
  readonly head: string;
  readonly explain: string;
}

/** A metric's cell: mean ± 95% CI half-width, with its own n when some runs lack it. */
function cell(s: Stat | undefined, groupN: number): string {
  if (!s?.n) return '—';
  return s.n === groupN ? formatStat(s) : `${formatStat(s)} (n=${s.n})`;
}

/** Columns and rows of the summary table as plain strings (shared by markdown and HTML). */
export function summaryRows(
  groups: readonly GroupSummary[],
  ctx: SummaryContext,
): { columns: SummaryColumn[]; rows: string[][] } {
  const { target } = ctx;
  const targetInfo = infoOf(ctx.info, target.metric);
  const other = target.use === 'best' ? 'final' : 'best';
  const showOther = targetInfo.direction !== 'none' && groups.some((g) => g[other][target.metric]?.n);
  const whichText = (w: 'final' | 'best') =>
    w === 'final'
      ? 'at the last evaluation'
      : `best over the evaluations (${targetInfo.direction === 'min' ? 'minimum' : 'maximum'})`;
  const columns: SummaryColumn[] = [
    {
      head: '#',
      explain: `rank by the target, ${target.metric} (${target.use}), ${target.mode === 'min' ? 'lowest' : 'highest'} first`,
    },
    { head: 'group', explain: 'the variant and grid values the runs of a group share (they differ only in the seed)' },
    { head: 'n', explain: 'finished runs (seeds) in the group; failed and unfinished runs are counted apart' },
    {
      head: `${target.metric} (${target.use})`,
      explain: `${axisTitle(targetInfo)}, ${whichText(target.use)}; ${directionText(targetInfo)}`,
    },
    ...(showOther ? [{ head: `${target.metric} (${other})`, explain: `the same, ${whichText(other)}` }] : []),
    ...ctx.metrics.slice(1).map((m) => {
      const info = infoOf(ctx.info, m);
      return { head: `${m} (final)`, explain: `${axisTitle(info)} at the last evaluation; ${directionText(info)}` };
    }),
  ];
  const rows = groups.map((g, i) => [
    String(i + 1),
    g.label,
    `${g.n}${g.failed ? ` (${g.failed} failed)` : ''}${g.missing ? ` (${g.missing} missing)` : ''}`,
    cell(targetStat(g, target), g.n),
    ...(showOther ? [cell(g[other][target.metric], g.n)] : []),
    ...ctx.metrics.slice(1).map((m) => cell(g.final[m], g.n)),
  ]);
  return { columns, rows };
}

/** How every cell is written (said once, under the table). */
export const CELL_RULE =
  'Cells: mean ± half-width of the 95% confidence interval of the mean (Student t over seeds), the half-width to 2 significant digits and the mean to the same decimal place; one finished run gives the mean alone; (n=k) marks a metric fewer runs report.';

/**
 * Whether the seeds separate the leader from the others: the groups whose
 * target interval overlaps the top group's, named.
 */
export function rankingNote(groups: readonly GroupSummary[], target: SweepTarget): string {
  const ranked = groups.filter((g) => targetStat(g, target)?.n);
  const top = ranked[0];
  if (!top || ranked.length < 2) return '';
  const t = targetStat(top, target)!;
  if (!Number.isFinite(t.half))
    return `#1 ${top.label} has one finished run: no interval, so the ranking is not tested.`;
  const overlapping = ranked.slice(1).filter((g) => intervalsOverlap(t, targetStat(g, target)!));
  if (!overlapping.length) return `#1 ${top.label}: its 95% interval on ${target.metric} overlaps no other group's.`;
  const names = overlapping.map((g) => `#${groups.indexOf(g) + 1} ${g.label}`).join(', ');
  return `The 95% intervals on ${target.metric} of #1 ${top.label} and ${names} overlap: these seeds do not separate them.`;
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** `summary.md`: title, how groups are ranked, the table, what each column means (no timestamps: equal runs give equal text). */
export function summaryMarkdown(
  groups: readonly GroupSummary[],
  runs: readonly CollectedRun[],
  ctx: SummaryContext,
): string {
  const { columns, rows } = summaryRows(groups, ctx);
  const count = (s: string) => runs.filter((r) => r.status === s).length;
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  const note = rankingNote(groups, ctx.target);
  const lines = [
    `# ${ctx.title}`,
    '',
    ...(ctx.description ? [ctx.description.trim(), ''] : []),
    `Ranked by \`${ctx.target.metric}\` (${ctx.target.use}, ${ctx.target.mode === 'min' ? 'lower' : 'higher'} is better) over seeds ${seeds.join(', ')}.`,
    `Runs: ${runs.length} (${count('completed') + count('stopped')} finished, ${count('failed')} failed, ${count('missing')} not finished).`,
    ...(note ? ['', note] : []),
    '',
    `| ${columns.map((c) => mdCell(c.head)).join(' | ')} |`,
    `| ${columns.map((_, i) => (i === 1 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
    '',
    CELL_RULE,
    '',
    ...columns.map((c) => `- **${c.head}**: ${c.explain}.`),
    '',
  ];
  return lines.join('\n');
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const CSV_FIELDS = ['mean', 'std', 'n', 'ci_low', 'ci_high'] as const;

/** `summary.csv`: one row per group (sorted as the summary); every metric's final/best mean, std, n and 95% CI at full precision. */
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
    ...metrics.flatMap((m) => ['final', 'best'].flatMap((w) => CSV_FIELDS.map((f) => `${m}:${w}:${f}`))),
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
        return s ? [s.mean, s.std, s.n, s.lo, s.hi].map(formatFull) : CSV_FIELDS.map(() => '');
      }),
    ),
  ]);
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

function formatFull(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}
