import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDirState, sweepRunPaths, tryReadRunResult, type RunResult } from '@rankbias/core';

/** One run directory as the report sees it. */
export interface CollectedRun {
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly seed: number;
  readonly params: Readonly<Record<string, unknown>>;
  /** `missing` when the run has no result yet (not started or interrupted). */
  readonly status: RunResult['status'] | 'missing';
  readonly result?: RunResult;
  /** metric -> [step, value] pairs in step order (train and eval records). */
  readonly curves: ReadonlyMap<string, readonly [number, number][]>;
}

/** Parses `metrics.jsonl`; a cut-short last line is ignored. */
export function readCurves(file: string): Map<string, [number, number][]> {
  const curves = new Map<string, [number, number][]>();
  if (!existsSync(file)) return curves;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let rec: { step?: unknown; values?: Record<string, unknown> };
    try {
      rec = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof rec.step !== 'number' || !rec.values) continue;
    for (const [k, v] of Object.entries(rec.values)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      let c = curves.get(k);
      if (!c) curves.set(k, (c = []));
      const last = c[c.length - 1];
      if (last && last[0] === rec.step) last[1] = v;
      else c.push([rec.step, v]);
    }
  }
  for (const c of curves.values()) c.sort((a, b) => a[0] - b[0]);
  return curves;
}

/** Reads every run directory under `<outDir>/runs` that the sweep created (has sweep-run.json), sorted by id. */
export function collectRuns(outDir: string): CollectedRun[] {
  const runsDir = join(outDir, 'runs');
  if (!existsSync(runsDir)) return [];
  const out: CollectedRun[] = [];
  for (const id of readdirSync(runsDir).sort()) {
    const paths = sweepRunPaths(outDir, id);
    if (!existsSync(paths.sweepRun)) continue;
    const meta = JSON.parse(readFileSync(paths.sweepRun, 'utf8')) as Omit<CollectedRun, 'status' | 'curves'>;
    const state = runDirState(paths.root);
    // an interrupted run's result.json (status stopped) is not a result: the run resumes
    const result =
      state === 'completed' || state === 'stopped' || state === 'failed' ? tryReadRunResult(paths.root) : undefined;
    out.push({
      id: meta.id,
      group: meta.group,
      label: meta.label,
      seed: meta.seed,
      params: meta.params ?? {},
      status: result?.status ?? 'missing',
      result,
      curves: readCurves(paths.metrics),
    });
  }
  return out;
}

/**
 * The runs of the sweep as `compare` last expanded it (`ids`, recorded in
 * `sweep.json`), or all of `runs` when no ids were recorded: run directories an
 * earlier version of the sweep left behind stay out of the numbers.
 */
export function currentRuns(runs: readonly CollectedRun[], ids: readonly string[] | undefined): CollectedRun[] {
  if (!ids) return [...runs];
  const keep = new Set(ids);
  return runs.filter((r) => keep.has(r.id));
}
