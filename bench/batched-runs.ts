/**
 * `npx tsx bench/batched-runs.ts [--k 4,8] [--steps 300] [--backend wasm|cpu] [--linalg auto|js|lapack] [--cases mc-d3-gd,...]`
 *
 * K seeds of the matrix-completion examples trained as one batch (`trainBatched`)
 * against one run trained alone (`runTraining`), in CPU time of this process
 * (robust to a shared machine), the batch as a multiple of K runs alone (target <= 0.5):
 * - whole runs: run directory, evaluations every 100 steps, metrics and a checkpoint, as configured;
 * - training steps only (no evaluation, metric or checkpoint), per step from step 20 to the end: three
 *   back-to-back pairs of a run alone and the batch, the median of the pairs' ratios;
 * - for cases with a penalty, the penalty's share of a step alone (the step without it vs with it):
 *   the penalty's float64 SVD runs per matrix, so that share does not shrink with K;
 * - the floor: the share of a step alone spent inside BLAS/LAPACK calls (the products' sgemm, the penalty's
 *   dsyrk/dsyevd/dgemm; the calls' wall time over the step's CPU time), timed in one more run alone. That work
 *   is on each run's own matrices, so K runs batched do it K times: no batching brings the ratio below it.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  applyOverrides,
  PluginRegistry,
  readConfigFile,
  resolveConfig,
  runTraining,
  selectLinalg,
  trainBatched,
  type LinalgChoice,
  type ResolvedConfig,
} from '@rankbias/core';
import { initWasmBackend } from '../packages/wasm-train/src/index.js';
import { type NumericClock, selectTimedLapack } from './numeric-floor.js';
import { pluginContainer } from './seed-workloads.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

const CASES: Record<string, { label: string; file: string }> = {
  'mc-d1-penalty': {
    label: 'MC 100x100 depth 1 + depth-mirror + Adam',
    file: 'matrix-completion-depth1-penalty-adam.yaml',
  },
  'mc-d3-gd': { label: 'MC 100x100 depth 3 + GD', file: 'matrix-completion-depth3-gd.yaml' },
  'default-sweep-group': {
    label: 'default-sweep group (50x50 depth 2, Adam + depth-mirror)',
    file: 'default-sweep-group',
  },
};

/** Training steps only: no evaluation, metric, checkpoint or log line. */
const STEPS_ONLY = [
  'train.evalEvery=0',
  'metrics=[]',
  'train.evalSplits=[]',
  'train.checkpointEvery=0',
  'train.logEvery=1000000',
];
/** First step of the per-step window (the first steps build tensors and caches). */
const FROM_STEP = 20;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function cpuSeconds(f: () => Promise<unknown>): Promise<number> {
  const start = cpuMs();
  await f();
  return (cpuMs() - start) / 1000;
}

/** CPU ms per step between FROM_STEP and the last step, from the progress callback of run 0. */
function stepClock(steps: number) {
  let start = 0;
  let end = 0;
  return {
    mark: (step: number) => {
      if (step === FROM_STEP) start = cpuMs();
      if (step === steps) end = cpuMs();
    },
    perStep: () => (end - start) / (steps - FROM_STEP),
  };
}

/**
 * The share of a step alone (FROM_STEP to the end) spent inside the timed engine's calls: their wall time (BLAS
 * runs on this thread, one BLAS thread) over the process's CPU time, the measure of every ratio here.
 */
async function numericShare(
  clock: NumericClock,
  steps: number,
  train: (mark: (step: number) => void) => Promise<unknown>,
): Promise<number> {
  let start = 0;
  let share = Number.NaN;
  await train((step) => {
    if (step === FROM_STEP) {
      Object.assign(clock, { on: true, ms: 0, calls: 0 });
      start = cpuMs();
    }
    if (step === steps) {
      share = clock.ms / (cpuMs() - start);
      clock.on = false;
    }
  });
  return share;
}

async function main(): Promise<void> {
  const ks = arg('k', '4,8').split(',').map(Number);
  const steps = Number(arg('steps', '300'));
  const backend = arg('backend', 'wasm');
  const picked = arg('cases', Object.keys(CASES).join(',')).split(',');
  const unknown = picked.filter((c) => !CASES[c]);
  if (unknown.length) throw new Error(`--cases takes ${Object.keys(CASES).join(', ')}; got ${unknown.join(', ')}`);
  if (backend === 'wasm') await initWasmBackend();
  else await tf.setBackend(backend);
  // What a run gets by default (`linalg: auto`): LAPACK for the penalty where @rankbias/linalg-lapack finds one,
  // its calls timed for the floor (the clock is off outside the one run that measures it).
  const choice = arg('linalg', 'auto') as LinalgChoice;
  const timedLapack = choice === 'js' ? undefined : await selectTimedLapack().catch(() => undefined);
  const linalg = timedLapack?.linalg ?? (await selectLinalg(choice));
  const container = pluginContainer();
  const registry = new PluginRegistry(container);
  const config = (file: string, seed: number, extra: readonly string[] = []): ResolvedConfig => {
    const raw =
      file === 'default-sweep-group'
        ? {
            ...(readConfigFile(join(examples, 'default-sweep.yaml')).base as Record<string, unknown>),
            name: 'default-group',
            penalties: [{ use: 'depth-mirror', weight: 0.01, select: ['end-to-end'] }],
            metrics: [{ use: 'matrix-completion-error', topK: 4 }],
          }
        : readConfigFile(join(examples, file));
    const set = applyOverrides(raw, [
      `seed=${seed}`,
      `train.steps=${steps}`,
      'train.evalEvery=100',
      'train.logEvery=100',
      `train.checkpointEvery=${steps}`,
      ...extra,
    ]);
    if (file === 'default-sweep-group') (set.model as Record<string, unknown>).depth = 2;
    return resolveConfig({ ...set, loggers: [{ use: 'jsonl' }] }, registry);
  };
  const root = mkdtempSync(join(os.tmpdir(), 'rankbias-batched-bench-'));
  const lines: string[] = [];
  const penaltyShares: string[] = [];
  console.log(
    `batched runs on ${tf.getBackend()}, float64 linear algebra ${linalg.name === 'lapack' ? linalg.reason : 'JS'}, ` +
      `${steps} steps, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  try {
    for (const id of picked) {
      const { label, file } = CASES[id]!;
      const dir = (name: string) => join(root, `${id}-${name}`);
      const alone = (seed: number, extra: readonly string[] = [], onProgress?: (step: number) => void) =>
        runTraining(config(file, seed, extra), { container, backend, outDir: dir(`alone-${seed}`), onProgress });
      await alone(99);
      const aloneRun = await cpuSeconds(() => alone(0));
      const aloneStepOf = async (seed: number) => {
        const clock = stepClock(steps);
        await alone(seed, STEPS_ONLY, clock.mark);
        return clock.perStep();
      };
      const floor = timedLapack && (await numericShare(timedLapack.clock, steps, (mark) => alone(5, STEPS_ONLY, mark)));
      const aloneSteps: number[] = [];
      for (const k of ks) {
        const seeds = Array.from({ length: k }, (_, i) => i);
        const batch = (tag: string, extra: readonly string[] = [], onProgress?: (step: number) => void) =>
          trainBatched(
            seeds.map((s) => config(file, s, extra)),
            {
              container,
              backend,
              outDirs: seeds.map((s) => dir(`${tag}-${k}-${s}`)),
              onProgress: onProgress && ((run, step) => run === 0 && onProgress(step)),
            },
          );
        const batchedRun = await cpuSeconds(() => batch('batch'));
        // Three back-to-back pairs (a run alone, then the batch): the machine's load drifts, so each ratio is
        // taken within a pair, and the table shows the medians.
        const pairs: { alone: number; batched: number }[] = [];
        for (const rep of [1, 2, 3]) {
          const aloneStep = await aloneStepOf(rep);
          const clock = stepClock(steps);
          await batch(`steps-${rep}`, STEPS_ONLY, clock.mark);
          pairs.push({ alone: aloneStep, batched: clock.perStep() });
        }
        aloneSteps.push(...pairs.map((q) => q.alone));
        const aloneStep = median(pairs.map((q) => q.alone));
        const batchedStep = median(pairs.map((q) => q.batched));
        const stepRatio = median(pairs.map((q) => q.batched / (k * q.alone)));
        const line = [
          label,
          k,
          aloneRun.toFixed(2),
          batchedRun.toFixed(2),
          (batchedRun / (k * aloneRun)).toFixed(2),
          aloneStep.toFixed(2),
          batchedStep.toFixed(2),
          stepRatio.toFixed(2),
          floor === undefined ? 'n/a' : floor.toFixed(2),
        ];
        lines.push(`| ${line.join(' | ')} |`);
        console.log(lines.at(-1));
      }
      if (config(file, 0).penalties.length) {
        const bare = stepClock(steps);
        await alone(4, [...STEPS_ONLY, 'penalties=[]'], bare.mark);
        const share = 1 - bare.perStep() / median(aloneSteps);
        penaltyShares.push(`${label}: penalty ${(100 * share).toFixed(0)}% of a step alone`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(
    [
      '',
      '| workload | K | whole run alone (s) | K whole runs batched (s) | ratio | step alone (ms) | K steps batched (ms) | ratio | floor |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...lines,
      '',
      ...penaltyShares,
      'floor = share of a step alone (CPU time) spent inside BLAS/LAPACK calls, per-run work: the lowest ratio batching can reach',
      `ratio = batched / (K x alone), CPU time of this process; load average at end ${os.loadavg()[0]!.toFixed(2)}`,
    ].join('\n'),
  );
}

await main();
