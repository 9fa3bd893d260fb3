import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ExpandedSweep } from '../sweep/expand.js';
import { reportSchema, targetSchema, type SweepReportOptions, type SweepTarget } from '../sweep/schema.js';
import { aggregate, curvePoints, summaryMetrics } from './aggregate.js';
import { canonicalJson, CliUsageError, globMatch, ensureDir } from '@rankbias/core';
import { collectRuns, currentRuns, type CollectedRun } from './collect.js';
import { reportHtml, type RenderedPlot } from './html.js';
import { sweepEncoding } from './encoding.js';
import { infoOf, metricInfoOfRuns } from './metric-labels.js';
import { curveSpec, versusSpec } from './plot-specs.js';
import { renderSvg, svgToPng } from './render.js';
import { summaryCsv, summaryMarkdown } from './tables.js';

/** What `sweep.json` in a sweep's output directory records, so `rankbias report` can regenerate everything. */
export interface SweepMeta {
  readonly title: string;
  readonly description?: string;
  readonly target: SweepTarget;
  readonly report: SweepReportOptions;
  /** Hyperparameter axes (grid keys, and `variant`). */
  readonly axes: readonly string[];
  /**
   * Ids of the sweep's runs as `compare` last expanded it. The report reads only
   * these: run directories left by an earlier version of the sweep (another grid,
   * base or seed list in the same `--out`) stay on disk but out of the numbers.
   */
  readonly runs?: readonly string[];
}

export const SWEEP_META_FILE = 'sweep.json';

/** The `sweep.json` record of an expanded sweep: its name (or file name), description, target, report options and axes. */
export function sweepMetaOf(sweep: ExpandedSweep): SweepMeta {
  return {
    title: sweep.spec.name ?? basename(sweep.source, extname(sweep.source)),
    description: sweep.spec.description,
    target: sweep.spec.target,
    report: sweep.spec.report,
    axes: sweep.axes,
    runs: sweep.runs.map((r) => r.id).sort(),
  };
}

/** Writes `sweep.json` (sorted keys, no timestamps). */
export function writeSweepMeta(outDir: string, meta: SweepMeta): void {
  ensureDir(outDir);
  writeFileSync(join(outDir, SWEEP_META_FILE), `${canonicalJson(meta, 2)}\n`);
}

/** Reads `sweep.json`; without one, defaults (target `test/loss`, min) and axes inferred from the runs. */
export function readSweepMeta(outDir: string): SweepMeta | undefined {
  const file = join(outDir, SWEEP_META_FILE);
  if (!existsSync(file)) return undefined;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<SweepMeta>;
  return {
    title: raw.title ?? 'rankbias sweep',
    description: raw.description,
    target: targetSchema.parse(raw.target ?? {}),
    report: reportSchema.parse(raw.report ?? {}),
    axes: raw.axes ?? [],
    ...(Array.isArray(raw.runs) ? { runs: raw.runs.filter((id): id is string => typeof id === 'string') } : {}),
  };
}

/** Paths of everything `writeReport` produced. */
export interface ReportFiles {
  readonly summaryMd: string;
  readonly summaryCsv: string;
  readonly html: string;
  readonly plots: string[];
  readonly groups: number;
  readonly runs: number;
  /** Run directories under `runs/` that are not in the sweep as last expanded, left out of the report. */
  readonly leftOut: number;
}

/** Metric names matching each pattern (globs allowed), in pattern order then sorted; duplicates dropped. */
function expandPatterns(patterns: readonly string[], runs: readonly CollectedRun[]): string[] {
  const names = [...new Set(runs.flatMap((r) => [...r.curves.keys(), ...Object.keys(r.result?.final ?? {})]))].sort();
  const out: string[] = [];
  for (const p of patterns) {
    const hits = /[*?]/.test(p) ? names.filter((n) => globMatch(p, n)) : [p];
    for (const h of hits) if (!out.includes(h)) out.push(h);
  }
  return out;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'metric';
}

/**
 * Regenerates summary.md, summary.csv, plots/*.svg|png and report.html of a
 * sweep's output directory from its run directories. Deterministic: equal
 * run directories give byte-equal files.
 */
export async function writeReport(outDir: string, metaIn?: SweepMeta): Promise<ReportFiles> {
  const stored = metaIn ?? readSweepMeta(outDir);
  const everyRun = collectRuns(outDir);
  const runs = currentRuns(everyRun, stored?.runs);
  if (!runs.length) {
    throw new CliUsageError(
      `no sweep runs under ${join(outDir, 'runs')} (expected run directories written by rankbias compare)`,
    );
  }
  const meta: SweepMeta = stored ?? {
    title: 'rankbias sweep',
    target: targetSchema.parse({}),
    report: reportSchema.parse({}),
    axes: [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort(),
  };
  const groups = aggregate(runs, meta.target);
  const ctx = {
    title: meta.report.title ?? meta.title,
    description: meta.description,
    target: meta.target,
    axes: meta.axes,
    metrics: summaryMetrics(groups, meta.target, meta.report.metrics),
    info: metricInfoOfRuns(runs),
  };
  const files: ReportFiles = {
    summaryMd: join(outDir, 'summary.md'),
    summaryCsv: join(outDir, 'summary.csv'),
    html: join(outDir, 'report.html'),
    plots: [],
    groups: groups.length,
    runs: runs.length,
    leftOut: everyRun.length - runs.length,
  };
  writeFileSync(files.summaryMd, summaryMarkdown(groups, runs, ctx));
  writeFileSync(files.summaryCsv, summaryCsv(groups, ctx));

  const plotDir = join(outDir, 'plots');
  rmSync(plotDir, { recursive: true, force: true });
  ensureDir(plotDir);
  const save = async (name: string, title: string, spec: Parameters<typeof renderSvg>[0]): Promise<RenderedPlot> => {
    const svg = await renderSvg(spec);
    writeFileSync(join(plotDir, `${name}.svg`), svg);
    writeFileSync(join(plotDir, `${name}.png`), svgToPng(svg));
    files.plots.push(join(plotDir, `${name}.svg`), join(plotDir, `${name}.png`));
    return { title, svg, file: `plots/${name}` };
  };
  const encoding = sweepEncoding(groups, meta.axes);
  const curveMetrics = expandPatterns(meta.report.curves ?? [meta.target.metric], runs);
  const curves: RenderedPlot[] = [];
  for (const m of curveMetrics) {
    const points = curvePoints(runs, groups, m);
    if (points.length) {
      curves.push(
        await save(
          `curve-${slug(m)}`,
          `${m} during training`,
          curveSpec(infoOf(ctx.info, m), points, groups, encoding),
        ),
      );
    }
  }
  const versus: RenderedPlot[] = [];
  for (const axis of meta.axes) {
    const distinct = new Set(groups.map((g) => canonicalJson(g.params[axis])));
    if (distinct.size < 2) continue;
    for (const m of [...new Set([meta.target.metric, ...curveMetrics])]) {
      // A metric without a direction has no best: its final value is drawn.
      const which = meta.target.use === 'best' && groups.some((g) => g.best[m]?.n) ? 'best' : 'final';
      if (!groups.some((g) => g[which][m]?.n)) continue;
      const spec = versusSpec(axis, infoOf(ctx.info, m), which, groups, encoding, (g) => g[which][m]);
      versus.push(await save(`vs-${slug(axis)}-${slug(m)}`, `${m} (${which}) vs ${axis}`, spec));
    }
  }
  writeFileSync(files.html, reportHtml(groups, runs, ctx, curves, versus, outDir));
  return files;
}

/** What the report says about run directories of an earlier version of the sweep. */
export function leftOutLine(count: number): string {
  return `left out ${count} run director${count === 1 ? 'y' : 'ies'} under runs/ that the sweep no longer has (from an earlier version of it; delete them to reclaim space)`;
}
