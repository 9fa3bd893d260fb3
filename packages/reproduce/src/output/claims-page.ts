import { formatEstimate, formatWall, type ClaimRow } from './claim-row.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const COLOURS: Record<ClaimRow['verdict'], string> = {
  agrees: '#1b7837',
  partly: '#b35806',
  disagrees: '#b2182b',
  'not run': '#666666',
};

/** `claims.html`: the claims table as one self-contained page (no scripts, no requests). */
export function claimsPage(rows: readonly ClaimRow[], meta: { scale: string; title?: string }): string {
  const body = rows
    .map(
      (r) => `<tr>
<td class="id">${esc(r.id)}</td>
<td><strong>${esc(r.claim)}</strong><div class="muted">${esc(r.setting)}</div><div class="muted">${esc(r.statistic)}</div></td>
<td class="num">${esc(formatEstimate(r.estimate))}</td>
<td class="num">${esc(r.criterion)}</td>
<td><span class="verdict" style="background:${COLOURS[r.verdict]}">${esc(r.verdict)}</span></td>
<td class="num">${r.runs.finished}/${r.runs.total}<div class="muted">${esc(formatWall(r.wallSeconds))}</div></td>
<td><a href="${esc(r.report)}">${esc(r.experiment)}</a></td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(meta.title ?? 'rankbias reproduce')} (${esc(meta.scale)})</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1180px;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.num{text-align:right;white-space:nowrap}.id{font-weight:600;white-space:nowrap}
.muted{color:#666;font-size:.85em;margin-top:.2rem}.verdict{color:#fff;border-radius:3px;padding:.1rem .45rem;white-space:nowrap}
</style></head><body>
<h1>${esc(meta.title ?? 'rankbias reproduce')} — scale <code>${esc(meta.scale)}</code></h1>
<p>Each row is one claim of a seed result, tested by the linked sweep. <em>measured</em> is the mean over seeds with its 95% Student-t interval;
a claim <em>agrees</em> when the whole interval meets its pre-registered criterion, <em>partly</em> when only the mean does, and
<em>disagrees</em> when the mean does not. <em>runs</em> counts finished runs and the wall time spent on the sweep.</p>
<table><thead><tr><th>claim</th><th>statement, setting and statistic</th><th>measured (95% CI)</th><th>criterion</th><th>verdict</th><th>runs</th><th>sweep</th></tr></thead>
<tbody>
${body}
</tbody></table></body></html>
`;
}
