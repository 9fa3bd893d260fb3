/**
 * `npx tsx bench/batched-runs.ts [--k 3,8] [--steps 300] [--backend wasm|cpu]`
 *
 * K seeds of the matrix-completion examples trained as one batch (`trainBatched`)
 * against one run trained alone (`runTraining`), each with its run directory,
 * evaluations and checkpoints as configured (evaluation every 100 steps): the
 * batch's time as a multiple of K runs alone (target <= 0.5).
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
  trainBatched,
  type ResolvedConfig,
} from '@rankbias/core';
import { initWasmBackend } from '../packages/wasm-train/src/index.js';
import { pluginContainer } from './seed-workloads.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

const CASES: Record<string, string> = {
  'mc-d1-penalty': 'matrix-completion-depth1-penalty-adam.yaml',
  'mc-d3-gd': 'matrix-completion-depth3-gd.yaml',
  'default-sweep group (50x50 depth 2, Adam + depth-mirror)': 'default-sweep-group',
};

async function main(): Promise<void> {
  const ks = arg('k', '3,8').split(',').map(Number);
  const steps = Number(arg('steps', '300'));
  const backend = arg('backend', 'wasm');
  if (backend === 'wasm') await initWasmBackend();
  else await tf.setBackend(backend);
  const container = pluginContainer();
  const registry = new PluginRegistry(container);
  const config = (file: string, seed: number): ResolvedConfig => {
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
    ]);
    if (file === 'default-sweep-group') (set.model as Record<string, unknown>).depth = 2;
    return resolveConfig({ ...set, loggers: [{ use: 'jsonl' }] }, registry);
  };
  const root = mkdtempSync(join(os.tmpdir(), 'rankbias-batched-bench-'));
  console.log(`batched runs on ${tf.getBackend()}, ${steps} steps, load average ${os.loadavg()[0]!.toFixed(2)}`);
  console.log('| workload | K | one run alone (s, CPU) | K runs batched (s, CPU) | batched / (K x alone) |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  try {
    for (const [c, [label, file]] of Object.entries(CASES).entries()) {
      const cpu = async (f: () => Promise<unknown>) => {
        const start = process.cpuUsage();
        await f();
        const used = process.cpuUsage(start);
        return (used.user + used.system) / 1e6;
      };
      await runTraining(config(file, 99), { container, backend, outDir: join(root, `${c}-warmup`) });
      const alone = await cpu(() =>
        runTraining(config(file, 0), { container, backend, outDir: join(root, `${c}-alone`) }),
      );
      for (const k of ks) {
        const seeds = Array.from({ length: k }, (_, i) => i);
        const outDirs = seeds.map((s) => join(root, `${c}-batch-${k}-${s}`));
        const batched = await cpu(() =>
          trainBatched(
            seeds.map((s) => config(file, s)),
            { container, backend, outDirs },
          ),
        );
        console.log(
          `| ${label} | ${k} | ${alone.toFixed(2)} | ${batched.toFixed(2)} | ${(batched / (k * alone)).toFixed(2)} |`,
        );
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(
    `load average at end ${os.loadavg()[0]!.toFixed(2)}; CPU time of this process (robust to a shared machine)`,
  );
}

await main();
