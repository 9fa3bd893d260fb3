/** Summarises matrix-completion-repro results: a markdown table (stdout) and an SVG plot. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRow } from './matrix-completion-repro.js';

type Row = RunRow;

function meanStd(xs: number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
}

const fmt = (x: number, digits = 3) =>
  Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? x.toFixed(digits) : x.toExponential(1);
const pm = (xs: number[], digits = 3) => {
  const { mean, std } = meanStd(xs);
  return `${fmt(mean, digits)} ± ${fmt(std, digits)}`;
};

function variant(r: Row): string {
  return r.overrides.length ? `${r.method} [${r.overrides.join(', ')}]` : r.method;
}

/** Groups rows by (method variant, observed). */
function groups(rows: Row[]): Map<string, Map<number, Row[]>> {
  const out = new Map<string, Map<number, Row[]>>();
  for (const r of rows) {
    const byM = out.get(variant(r)) ?? new Map<number, Row[]>();
    byM.set(r.observed, [...(byM.get(r.observed) ?? []), r]);
    out.set(variant(r), byM);
  }
  return out;
}

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| method | m | seeds | test rel. error | test RMSE | erank(W_e) | σ₁ | σ₅ | σ₆ | s / run |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [method, byM] of groups(rows)) {
    for (const m of [...byM.keys()].sort((a, b) => a - b)) {
      const rs = byM.get(m)!;
      const get = (k: string) => rs.map((r) => r.metrics[k] ?? NaN);
      lines.push(
        `| ${method} | ${m} | ${rs.length} | ${pm(get('test/rel_error'))} | ${pm(get('test/rmse'))} | ${pm(get('end-to-end/erank'), 2)} | ` +
          `${fmt(meanStd(get('end-to-end/sigma_1')).mean, 1)} | ${fmt(meanStd(get('end-to-end/sigma_5')).mean, 1)} | ` +
          `${fmt(meanStd(get('end-to-end/sigma_6')).mean, 2)} | ${fmt(meanStd(rs.map((r) => r.wallSeconds)).mean, 1)} |`,
      );
    }
  }
  return lines.join('\n');
}

const COLORS = [
  '#1f77b4',
  '#d62728',
  '#ff7f0e',
  '#9467bd',
  '#2ca02c',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
];

/** Test relative error (log scale) vs observed entries, one line per method, mean ± std over seeds. */
export function svgPlot(rows: Row[]): string {
  const W = 760;
  const H = 420;
  const left = 70;
  const right = 300;
  const top = 30;
  const bottom = 50;
  const g = groups(rows);
  const ms = [...new Set(rows.map((r) => r.observed))].sort((a, b) => a - b);
  const all = rows.map((r) => r.metrics['test/rel_error']!).filter((x) => x > 0 && Number.isFinite(x));
  const yMin = Math.floor(Math.log10(Math.min(...all)));
  const yMax = Math.ceil(Math.log10(Math.max(...all)));
  const x = (m: number) => left + ((W - left - right) * ms.indexOf(m)) / Math.max(1, ms.length - 1);
  const y = (v: number) =>
    top + ((H - top - bottom) * (yMax - Math.log10(Math.max(v, 10 ** yMin)))) / Math.max(1, yMax - yMin);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${left}" y="18" font-size="14">Matrix completion (N=100, r=5): test relative error vs observed entries</text>`,
  ];
  for (let e = yMin; e <= yMax; e++) {
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(10 ** e)}" y2="${y(10 ** e)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 8}" y="${y(10 ** e) + 4}" text-anchor="end">1e${e}</text>`);
  }
  for (const m of ms) parts.push(`<text x="${x(m)}" y="${H - bottom + 18}" text-anchor="middle">${m}</text>`);
  parts.push(`<text x="${(left + W - right) / 2}" y="${H - 12}" text-anchor="middle">observed entries m</text>`);
  parts.push(
    `<text transform="translate(16 ${(top + H - bottom) / 2}) rotate(-90)" text-anchor="middle">test relative error (log)</text>`,
  );
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${H - bottom}" stroke="black"/>`);
  parts.push(`<line x1="${left}" x2="${W - right}" y1="${H - bottom}" y2="${H - bottom}" stroke="black"/>`);
  [...g.entries()].forEach(([method, byM], i) => {
    const color = COLORS[i % COLORS.length]!;
    const pts = ms
      .filter((m) => byM.has(m))
      .map((m) => ({ m, ...meanStd(byM.get(m)!.map((r) => r.metrics['test/rel_error']!)) }));
    const dash = method.startsWith('nuclear') ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${pts.map((p) => `${x(p.m)},${y(p.mean)}`).join(' ')}"/>`,
    );
    for (const p of pts) {
      parts.push(
        `<line x1="${x(p.m)}" x2="${x(p.m)}" y1="${y(p.mean + p.std)}" y2="${y(Math.max(p.mean - p.std, 10 ** yMin))}" stroke="${color}"/>`,
      );
      parts.push(`<circle cx="${x(p.m)}" cy="${y(p.mean)}" r="3.5" fill="${color}"/>`);
    }
    const ly = top + 10 + i * 20;
    parts.push(
      `<line x1="${W - right + 20}" x2="${W - right + 45}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
    );
    parts.push(
      `<text x="${W - right + 52}" y="${ly + 4}">${method.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function writeReport(rows: Row[], repo: string): void {
  if (!rows.length) throw new Error('no results yet: run bench/matrix-completion-repro.ts first');
  console.log(markdownTable(rows));
  const total = rows.reduce((a, r) => a + r.wallSeconds, 0);
  console.log(`\n${rows.length} runs, ${total.toFixed(0)} s of run time in total`);
  const dir = join(repo, 'docs/experiments/img');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'matrix-completion.svg'), svgPlot(rows.filter((r) => !r.overrides.length)));
  console.log(`plot: docs/experiments/img/matrix-completion.svg`);
}
