import { formatEstimate, formatWall, type ClaimRow } from './claim-row.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** `claims.md`: one table row per claim, then each claim's statistic and rationale. */
export function claimsMarkdown(rows: readonly ClaimRow[], meta: { scale: string; title?: string }): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  const lines = [
    `# ${meta.title ?? 'rankbias reproduce'} — scale \`${meta.scale}\``,
    '',
    `${rows.length} claim(s): ${[...counts].map(([v, n]) => `${n} ${v}`).join(', ')}. Values are means over seeds with their 95% Student-t interval; a claim agrees when the whole interval meets its pre-registered criterion, partly when only the mean does.`,
    '',
    '| claim | statement | setting | measured (95% CI) | criterion | verdict | runs | sweep wall time | report |',
    '| --- | --- | --- | --- | --- | --- | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${cell(r.claim)} | ${cell(r.setting)} | ${formatEstimate(r.estimate)} | ${r.criterion} | **${r.verdict}** | ${r.runs.finished}/${r.runs.total} | ${formatWall(r.wallSeconds)} | [${r.experiment}](${r.report}) |`,
    ),
    '',
    '## What each claim measures',
    '',
    ...rows.flatMap((r) => [
      `- **${r.id}** — ${r.statistic}, criterion ${r.criterion}.${r.rationale ? ` ${r.rationale}` : ''}`,
    ]),
    '',
  ];
  return lines.join('\n');
}
