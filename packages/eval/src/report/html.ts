import type { CollectedRun } from './collect.js';
import type { SummaryContext } from './tables.js';
import { summaryRows } from './tables.js';
import type { GroupSummary } from './aggregate.js';
import { formatNumber } from './stats.js';

/** A rendered plot: its SVG text and the file names it was written under. */
export interface RenderedPlot {
  readonly title: string;
  readonly svg: string;
  readonly file: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1d2330;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dce5;padding-bottom:.2rem}
p.meta{color:#555}table{border-collapse:collapse;font-size:.86rem;margin:.5rem 0;display:block;overflow-x:auto}
th,td{border:1px solid #d8dce5;padding:.3rem .55rem;text-align:right;white-space:nowrap}
th{background:#f2f4f8}td.l,th.l{text-align:left}tr:first-child td{background:#eef8ee}
.plots{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0;border:1px solid #e3e6ec;padding:.5rem;background:#fff;flex:0 1 calc(50% - .5rem);box-sizing:border-box;min-width:320px}
figure svg{display:block;max-width:100%;height:auto}figcaption{font-size:.8rem;color:#555}
code{background:#f2f4f8;padding:0 .25rem;border-radius:3px}details{margin:.5rem 0}
`;

/**
 * The self-contained report: inline CSS, tables, and the plots as inline SVG.
 * No scripts, no external resources: it renders offline with no network request.
 */
export function reportHtml(
  groups: readonly GroupSummary[],
  runs: readonly CollectedRun[],
  ctx: SummaryContext,
  curves: readonly RenderedPlot[],
  versus: readonly RenderedPlot[],
): string {
  const { head, rows } = summaryRows(groups, ctx);
  const table = (h: string[], body: string[][], leftCols: number[]) =>
    `<table><thead><tr>${h.map((c, i) => `<th${leftCols.includes(i) ? ' class="l"' : ''}>${esc(c)}</th>`).join('')}</tr></thead><tbody>` +
    body.map((r) => `<tr>${r.map((c, i) => `<td${leftCols.includes(i) ? ' class="l"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>';
  const figures = (plots: readonly RenderedPlot[]) =>
    `<div class="plots">${plots
      .map((p) => `<figure>${p.svg.replace(/^<\?xml[^>]*>/, '')}<figcaption>${esc(p.title)} — <code>${esc(p.file)}</code> (.svg, .png)</figcaption></figure>`)
      .join('')}</div>`;
  const runRows = [...runs]
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.seed - b.seed))
    .map((r) => [
      r.label,
      String(r.seed),
      r.status,
      r.result ? String(r.result.steps) : '',
      r.result ? formatNumber(r.result.wallSeconds) : '',
      r.result?.final[ctx.target.metric] !== undefined ? formatNumber(r.result.final[ctx.target.metric]!) : '',
      r.result?.error?.message ?? '',
      r.id,
    ]);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(ctx.title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(ctx.title)}</h1>
${ctx.description ? `<p>${esc(ctx.description.trim())}</p>` : ''}
<p class="meta">Ranked by <code>${esc(ctx.target.metric)}</code> (${ctx.target.use}, ${ctx.target.mode === 'min' ? 'lower' : 'higher'} is better). Mean ± sample std over seeds; n = finished runs. ${runs.length} runs in ${groups.length} groups.</p>
<h2>Summary</h2>
${table(head, rows, [1])}
${curves.length ? `<h2>Learning curves</h2>${figures(curves)}` : ''}
${versus.length ? `<h2>Metrics against hyperparameters</h2>${figures(versus)}` : ''}
<h2>Runs</h2>
<details><summary>${runs.length} run directories</summary>
${table(['group', 'seed', 'status', 'steps', 'seconds', `${ctx.target.metric} (final)`, 'error', 'run dir'], runRows, [0, 2, 6, 7])}
</details>
</body></html>
`;
}
