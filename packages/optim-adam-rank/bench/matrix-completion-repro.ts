/**
 * Matrix-completion reproduction (docs/experiments/matrix-completion.md):
 * every method of examples/matrix-completion-*.yaml over several observation
 * counts and seeds, trained through core's runTraining, plus the SoftImpute
 * (nuclear-norm) baseline. Results go to a JSONL file, one line per run;
 * runs already there are skipped, so the sweep can be split and resumed.
 *
 *   npx tsx bench/matrix-completion-repro.ts [--observed 1000,2000,5000] [--seeds 0,1,2]
 *       [--steps 1500] [--methods a,b] [--set 'key=value;key=value'] [--shard 0/2] [--results FILE]
 *   npx tsx bench/matrix-completion-repro.ts --report   # table (markdown) + SVG plot
 */
import 'reflect-metadata';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { container } from 'tsyringe';
import {
  applyOverrides,
  PluginRegistry,
  readConfigFile,
  register as registerCore,
  resolveConfig,
  runTraining,
} from '@rankbias/core';
import {
  generateMatrixCompletion,
  MatrixCompletionDataset,
  matrixCompletionReport,
  register as registerData,
  softImpute,
} from '@rankbias/data-synthetic';
import { register as registerPenalties } from '@rankbias/reg-depth-mirror';
import { register as registerOptim } from '../src/index.js';
import { writeReport } from './matrix-completion-report.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');

/** Trained methods: label -> example config. */
export const METHODS: Record<string, string> = {
  'depth-1 + Adam': 'matrix-completion-depth1-adam.yaml',
  'depth-1 + depth-mirror + Adam': 'matrix-completion-depth1-penalty-adam.yaml',
  'depth-1 + depth-mirror + Adam (decoupled)': 'matrix-completion-depth1-penalty-adam-decoupled.yaml',
  'depth-1 + depth-mirror + GD': 'matrix-completion-depth1-penalty-gd.yaml',
  'depth-2 + GD': 'matrix-completion-depth2-gd.yaml',
  'depth-3 + GD': 'matrix-completion-depth3-gd.yaml',
  'depth-2 + Adam': 'matrix-completion-depth2-adam.yaml',
  'depth-3 + Adam': 'matrix-completion-depth3-adam.yaml',
};
export const BASELINE = 'nuclear norm (SoftImpute)';

/** Supplementary methods run at these observation counts only (CPU budget). */
const ONLY_AT: Record<string, number[]> = {
  'depth-1 + depth-mirror + Adam (decoupled)': [2000],
  'depth-1 + depth-mirror + GD': [2000],
};

export interface RunRow {
  method: string;
  observed: number;
  seed: number;
  steps: number;
  /** Extra overrides (key=value) applied to the example config. */
  overrides: string[];
  metrics: Record<string, number>;
  status: string;
  wallSeconds: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const resultsFile = resolve(arg('results', join(here, 'results/matrix-completion.jsonl')));

function readRows(): RunRow[] {
  if (!existsSync(resultsFile)) return [];
  return readFileSync(resultsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RunRow);
}

async function main(): Promise<void> {
  if (process.argv.includes('--report')) {
    writeReport(readRows(), repo);
    return;
  }
  const observedCounts = list(arg('observed', '1000,2000,5000')).map(Number);
  const seeds = list(arg('seeds', '0,1,2')).map(Number);
  const steps = Number(arg('steps', '1500'));
  const methods = list(arg('methods', [...Object.keys(METHODS), BASELINE].join(',')));
  const extra = arg('set', '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
  const [shard, shards] = arg('shard', '0/1').split('/').map(Number) as [number, number];
  for (const m of methods)
    if (m !== BASELINE && !METHODS[m])
      throw new Error(`unknown method "${m}"; methods: ${Object.keys(METHODS).join(' | ')} | ${BASELINE}`);

  await tf.setBackend('cpu');
  const c = container.createChildContainer();
  registerCore(c);
  registerData(c);
  registerPenalties(c);
  registerOptim(c);
  const registry = new PluginRegistry(c);
  mkdirSync(dirname(resultsFile), { recursive: true });

  const done = new Set(readRows().map((r) => JSON.stringify([r.method, r.observed, r.seed, r.steps, r.overrides])));
  const jobs = methods.flatMap((method) =>
    observedCounts
      .filter((observed) => !ONLY_AT[method] || ONLY_AT[method]!.includes(observed))
      .flatMap((observed) => seeds.map((seed) => ({ method, observed, seed }))),
  );
  const t0 = Date.now();
  for (const [k, job] of jobs.entries()) {
    if (k % shards !== shard) continue;
    const overrides = job.method === BASELINE ? [] : extra;
    const key = JSON.stringify([job.method, job.observed, job.seed, steps, overrides]);
    if (done.has(key)) continue;
    const start = Date.now();
    let row: RunRow;
    if (job.method === BASELINE) {
      const problem = generateMatrixCompletion({ size: 100, rank: 5, observed: job.observed, seed: job.seed });
      const { completed, iterations } = softImpute(problem.truth, problem.observed, 100, 100);
      const metrics = { ...matrixCompletionReport(completed, new MatrixCompletionDataset(problem), 6), iterations };
      row = { ...job, steps, overrides, metrics, status: 'completed', wallSeconds: (Date.now() - start) / 1000 };
    } else {
      const raw = applyOverrides(readConfigFile(join(repo, 'examples', METHODS[job.method]!)), [
        `seed=${job.seed}`,
        `data.observed=${job.observed}`,
        `train.steps=${steps}`,
        ...overrides,
      ]);
      const config = resolveConfig({ ...raw, loggers: [] }, registry);
      const result = await runTraining(config, { container: c, backend: 'cpu' });
      row = {
        ...job,
        steps,
        overrides,
        metrics: { ...result.final },
        status: result.status,
        wallSeconds: result.wallSeconds,
      };
    }
    appendFileSync(resultsFile, JSON.stringify(row) + '\n');
    const e = row.metrics['test/rel_error'];
    console.log(
      `${row.method} | m=${row.observed} seed=${row.seed}: test rel error ${e?.toExponential(3)}, erank ${row.metrics['end-to-end/erank']?.toFixed(2)} (${row.wallSeconds.toFixed(1)} s)`,
    );
  }
  console.log(`shard ${shard}/${shards} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

await main();
