import { existsSync } from 'node:fs';
import type { CollectedRun } from './collect.js';
import type { SummaryContext } from './tables.js';
import { CELL_RULE, rankingNote, summaryRows } from './tables.js';
import type { GroupSummary } from './aggregate.js';
import { formatNumber } from '../stats/format.js';
import { runSparkline } from './sparkline.js';

/** A rendered plot: its SVG text and the file names it was written under. */
export interface RenderedPlot {
  readonly title: string;
  readonly svg: string;
  readonly file: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Lets long metric keys break after a slash in narrow headers. */
function breakable(s: string): string {
  return esc(s).replace(/\//g, '/<wbr>');
}

/** Prefixes the ids (clip paths) of one inline SVG and their `url(#…)` references: ids are per document. */
function scopeIds(svg: string, prefix: string): string {
  return svg.replace(/\bid="([^"]+)"/g, `id="${prefix}$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`);
}

const CSS = `
body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:1.5rem auto;max-width:1200px;padding:0 1rem;color:#1d2330;line-height:1.45;box-sizing:border-box}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:1.8rem;border-bottom:1px solid #d8dce5;padding-bottom:.2rem}
p.meta,p.note{color:#444}p.note{background:#fff8e6;border-left:3px solid #e6a700;padding:.3rem .6rem}
table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0;width:100%}
th,td{border:1px solid #d8dce5;padding:.25rem .4rem;text-align:right;vertical-align:top}
td{white-space:nowrap}th{background:#f2f4f8;font-weight:600}td.l,th.l{text-align:left;white-space:normal}
table.summary tbody tr:first-child td{background:#eef8ee}
ul.cols{font-size:.8rem;color:#333;margin:.3rem 0 0;padding-left:1.2rem}ul.cols li{margin:.1rem 0}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:.8rem}
figure{margin:0;border:1px solid #e3e6ec;padding:.4rem;background:#fff}
figure svg{display:block;max-width:100%;height:auto;margin:0 auto}figcaption{font-size:.75rem;color:#555;margin-top:.2rem}
code{background:#f2f4f8;padding:0 .25rem;border-radius:3px}table.runs td.spark{padding:.1rem .3rem}
table.runs a{color:#0b5cad;margin-right:.4rem}
`;

/**
 * The self-contained report: inline CSS, tables, the plots as inline SVG and
 * a section per run linking its files. No scripts and no external resources:
 * it renders offline with no network request.
 */
export function reportHtml(
  groups: readonly GroupSummary[],
  runs: readonly CollectedRun[],
  ctx: SummaryContext,
  curves: readonly RenderedPlot[],
  versus: readonly RenderedPlot[],
  outDir: string,
): string {
  const { columns, rows } = summaryRows(groups, ctx);
  const summary =
    `<table class="summary"><thead><tr>${columns.map((c, i) => `<th${i === 1 ? ' class="l"' : ''}>${breakable(c.head)}</th>`).join('')}</tr></thead><tbody>` +
    rows
      .map((r) => `<tr>${r.map((c, i) => `<td${i === 1 ? ' class="l"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
      .join('') +
    '</tbody></table>';
  const explained = `<ul class="cols"><li>${esc(CELL_RULE)}</li>${columns
    .map((c) => `<li><b>${esc(c.head)}</b>: ${esc(c.explain)}.</li>`)
    .join('')}</ul>`;
  const figures = (plots: readonly RenderedPlot[], section: string) =>
    `<div class="plots">${plots
      .map(
        (p, i) =>
          `<figure>${scopeIds(p.svg.replace(/^<\?xml[^>]*>/, ''), `${section}${i}-`)}<figcaption><code>${esc(p.file)}</code> (.svg, .png)</figcaption></figure>`,
      )
      .join('')}</div>`;
  const note = rankingNote(groups, ctx.target);
  const target = ctx.target.metric;
  const runRows = [...runs]
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.seed - b.seed))
    .map((r) => {
      const dir = `runs/${r.id}`;
      const links = [
        ['config', `${dir}/config.json`],
        ['curves', `${dir}/metrics.jsonl`],
        ['result', `${dir}/result.json`],
        ['log', `${dir}/train.log`],
        ['model', `${dir}/model/model.json`],
      ]
        .filter(([, rel]) => existsSync(`${outDir}/${rel}`))
        .map(([name, rel]) => `<a href="${esc(rel!)}">${name}</a>`)
        .join('');
      const final = r.result?.final[target];
      return (
        `<tr><td class="l">${esc(r.label)}</td><td>${r.seed}</td><td class="l">${esc(r.status)}</td>` +
        `<td>${r.result ? r.result.steps : ''}</td><td>${r.result ? formatNumber(r.result.wallSeconds) : ''}</td>` +
        `<td>${final !== undefined ? formatNumber(final) : ''}</td><td class="spark">${runSparkline(r.curves.get(target) ?? [])}</td>` +
        `<td class="l">${links}${r.result?.error ? ` ${esc(r.result.error.message)}` : ''}</td></tr>`
      );
    })
    .join('');
  const runHead = ['group', 'seed', 'status', 'steps', 'seconds', `${target} (final)`, `${target} curve`, 'files'];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(ctx.title)}</title><style>${CSS}</style></head>
<body>
<h1>${esc(ctx.title)}</h1>
${ctx.description ? `<p>${esc(ctx.description.trim())}</p>` : ''}
<p class="meta">Ranked by <code>${esc(target)}</code> (${ctx.target.use}, ${ctx.target.mode === 'min' ? 'lower' : 'higher'} is better). ${runs.length} runs in ${groups.length} groups.</p>
<h2>Summary</h2>
${note ? `<p class="note">${esc(note)}</p>` : ''}
${summary}
${explained}
${curves.length ? `<h2>Learning curves</h2>${figures(curves, 'curve')}` : ''}
${versus.length ? `<h2>Metrics against hyperparameters</h2>${figures(versus, 'versus')}` : ''}
<h2>Runs</h2>
<p class="meta">Each run's directory under <code>runs/</code>: its config, its metrics over training (<code>metrics.jsonl</code>), its result and log, and its saved model.</p>
<table class="runs"><thead><tr>${runHead.map((h, i) => `<th${[0, 2, 7].includes(i) ? ' class="l"' : ''}>${breakable(h)}</th>`).join('')}</tr></thead><tbody>${runRows}</tbody></table>
</body></html>
`;
}
