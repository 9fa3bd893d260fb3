import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliEnv } from '@rankbias/core';
import { collectRuns, compare, currentRuns, readSweepMeta } from '@rankbias/eval';
import { loadDefinitions, selectClaims, type Definitions } from './definitions/load.js';
import { inSweep, sweepAxes } from './definitions/groups.js';
import { scaledSweep } from './definitions/scaled-sweep.js';
import type { Scale } from './definitions/schema.js';
import { addWallSeconds, readWallSeconds } from './experiment-timing.js';
import { claimRow, type ClaimRow } from './output/claim-row.js';
import { claimsMarkdown } from './output/claims-markdown.js';
import { claimsPage } from './output/claims-page.js';
import { evaluateStatistic } from './statistics/evaluate.js';
import { verdictOf } from './statistics/verdict.js';
import { ensureDir } from '@rankbias/core';

export interface ReproduceOptions {
  /** Claim ids or result numbers; empty = every claim. */
  readonly claims: readonly string[];
  readonly scale: Scale;
  readonly out: string;
  readonly workers?: number;
  /** Train through a Redis queue (as `rankbias compare --queue`); default: `RANKBIAS_QUEUE`, else locally. */
  readonly queue?: string;
  /** Only evaluate what is already in `out`; train nothing. */
  readonly reportOnly?: boolean;
  readonly retry?: boolean;
  readonly definitions?: Definitions;
}

export interface ReproduceOutcome {
  readonly rows: ClaimRow[];
  readonly files: { readonly md: string; readonly json: string; readonly html: string };
  /** Worst exit code of the sweeps run (0, 1 some runs failed, 130 interrupted). */
  readonly exitCode: number;
}

/**
 * Runs the sweep of every experiment the chosen claims need (resumably: finished runs
 * are kept, interrupted ones resume), then decides each claim from the runs and writes
 * `claims.md`, `claims.json` and `claims.html` into `out`.
 */
export async function reproduce(options: ReproduceOptions, env: CliEnv): Promise<ReproduceOutcome> {
  const defs = options.definitions ?? loadDefinitions();
  const claims = selectClaims(defs.claims, options.claims);
  const experiments = [...new Set(claims.map((c) => c.experiment))];
  ensureDir(join(options.out, 'sweeps'));
  let exitCode = 0;
  for (const [i, name] of experiments.entries()) {
    const sweepFile = join(options.out, 'sweeps', `${name}.json`);
    writeFileSync(sweepFile, `${JSON.stringify(scaledSweep(defs.experiments.get(name)!, options.scale), null, 2)}\n`);
    if (options.reportOnly) continue;
    env.err(`rankbias reproduce: [${i + 1}/${experiments.length}] ${name} (${options.scale})`);
    const dir = join(options.out, name);
    const started = performance.now();
    const code = await compare(
      sweepFile,
      { out: dir, workers: options.workers, retry: options.retry, queue: options.queue },
      env,
    );
    ensureDir(dir);
    addWallSeconds(dir, (performance.now() - started) / 1000);
    exitCode = Math.max(exitCode, code);
    if (code === 130) break;
  }
  const rows = claims.map((c) => {
    const dir = join(options.out, c.experiment);
    // Only the runs of the sweep as it is now: a directory may keep runs of groups since removed from it.
    const axes = sweepAxes(scaledSweep(defs.experiments.get(c.experiment)!, options.scale));
    const runs = currentRuns(collectRuns(dir), readSweepMeta(dir)?.runs).filter((r) => inSweep(r.params, axes));
    const estimate = evaluateStatistic(c.statistic, runs);
    return claimRow(c, estimate, verdictOf(estimate, c.criterion), {
      runs: {
        finished: runs.filter((r) => r.status === 'completed' || r.status === 'stopped').length,
        total: runs.length,
      },
      wallSeconds: readWallSeconds(dir),
      report: `${c.experiment}/report.html`,
    });
  });
  const meta = { scale: options.scale };
  const files = {
    md: join(options.out, 'claims.md'),
    json: join(options.out, 'claims.json'),
    html: join(options.out, 'claims.html'),
  };
  writeFileSync(files.md, claimsMarkdown(rows, meta));
  writeFileSync(
    files.json,
    `${JSON.stringify({ scale: options.scale, claims: rows }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
  writeFileSync(files.html, claimsPage(rows, meta));
  return { rows, files, exitCode };
}
