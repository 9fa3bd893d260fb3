/**
 * The seeds' own workloads: small problems trained for many steps, each
 * built from a shipped example config and stepped by core's real `Trainer`
 * (no evaluations, metrics or loggers), mirrored in bench/torch_bench.py:
 * - `mc-d1-penalty`: matrix completion 100×100 (2000 observed), depth 1, depth-mirror penalty, Adam,
 *   with the float64 linear algebra a run gets by default (`linalg: auto`: LAPACK where
 *   @rankbias/linalg-lapack finds a library, else JS); `mc-d1-penalty-js` the same in plain JS;
 * - `mc-d3-gd`: the same problem as a depth-3 factorisation trained by GD;
 * - `leaky-relu-step`: two-layer leaky-ReLU net, n = 40, d = 2000, m = 50, logistic loss, GD (seed result 2);
 * - `teacher-student-step`: two-layer ReLU net, m = 300, d = 5, n = 50, squared loss, GD (seed result 3).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyOverrides,
  buildComponents,
  createPluginContainer,
  float64Accelerator,
  selectLinalg,
  setFloat64Accelerator,
  type LinalgChoice,
  PluginRegistry,
  readConfigFile,
  resolveConfig,
  Trainer,
  type RunComponents,
} from '@rankbias/core';
import { register as registerData } from '@rankbias/data-synthetic';
import { register as registerOptim } from '@rankbias/optim-adam-rank';
import { register as registerPenalties } from '@rankbias/reg-depth-mirror';
import type { DependencyContainer } from 'tsyringe';
import { setWasmMatMulGemm, wasmMatMulGemm } from '../packages/wasm-train/src/index.js';
import type { Workload, WorkloadState } from './workloads.js';

const examples = fileURLToPath(new URL('../examples/', import.meta.url));

let sharedContainer: DependencyContainer | undefined;
/** Core's plugins plus data-synthetic, optim-adam-rank and reg-depth-mirror (one container per process). */
export function pluginContainer(): DependencyContainer {
  if (!sharedContainer) {
    sharedContainer = createPluginContainer();
    registerData(sharedContainer);
    registerOptim(sharedContainer);
    registerPenalties(sharedContainer);
  }
  return sharedContainer;
}

/** Steps per timed call: one call runs the trainer's loop this many steps. */
export const SEED_CHUNK = 50;

/**
 * Trains `file` with `overrides` through `Trainer.run`, `chunk` steps per call, on the active backend
 * setup (its matmul route included), with the float64 linear algebra `linalg` selects (set again before
 * each call: workloads interleave).
 */
async function trainerChunks(
  file: string,
  overrides: readonly string[],
  chunk: number,
  linalg: LinalgChoice,
): Promise<WorkloadState> {
  // The penalty's float64 route follows `linalg`; the wasm matmul route is the backend setup's (bench/backends.ts).
  const gemm = wasmMatMulGemm();
  await selectLinalg(linalg);
  setWasmMatMulGemm(gemm);
  const accelerator = float64Accelerator();
  const container = pluginContainer();
  const raw = applyOverrides(readConfigFile(join(examples, file)), [
    ...overrides,
    'metrics=[]',
    'callbacks=[]',
    'train.evalEvery=0',
    'train.logEvery=1000000',
    'train.checkpointEvery=0',
  ]);
  const backend = (await import('@tensorflow/tfjs-core')).getBackend();
  const baseConfig = resolveConfig({ ...raw, loggers: [] }, new PluginRegistry(container));
  const components: RunComponents = await buildComponents(baseConfig, { container, backend });
  return {
    step: async () => {
      setFloat64Accelerator(accelerator);
      // A fresh loop over the same model and optimizer: `steps` more steps from where the last call stopped.
      const config = { ...baseConfig, train: { ...baseConfig.train, steps: chunk, evalSplits: [] } };
      await new Trainer(components, { config, backend }).run();
    },
    dispose: () => {
      components.model.dispose();
      components.optimizer.dispose();
      components.dataset.dispose?.();
    },
  };
}

/** The workload that trains example `file` with `overrides`, `SEED_CHUNK` steps per call (`linalg` for the penalty). */
export function seedWorkload(
  id: string,
  label: string,
  file: string,
  overrides: readonly string[] = [],
  linalg: LinalgChoice = 'auto',
): Workload {
  return { id, label, stepsPerCall: SEED_CHUNK, setup: () => trainerChunks(file, overrides, SEED_CHUNK, linalg) };
}

/** `auto`'s choice on this machine, for labels: LAPACK when @rankbias/linalg-lapack finds a library. */
async function autoLinalgLabel(): Promise<string> {
  const gemm = wasmMatMulGemm();
  const selection = await selectLinalg('auto');
  setFloat64Accelerator(undefined);
  setWasmMatMulGemm(gemm);
  return selection.name === 'lapack' ? 'LAPACK' : 'JS';
}

export const SEED_WORKLOADS: readonly Workload[] = [
  seedWorkload(
    'mc-d1-penalty',
    `MC 100x100 depth 1 + depth-mirror (${await autoLinalgLabel()}) + Adam step`,
    'matrix-completion-depth1-penalty-adam.yaml',
  ),
  seedWorkload(
    'mc-d1-penalty-js',
    'MC 100x100 depth 1 + depth-mirror (JS) + Adam step',
    'matrix-completion-depth1-penalty-adam.yaml',
    [],
    'js',
  ),
  seedWorkload('mc-d3-gd', 'MC 100x100 depth 3 + GD step', 'matrix-completion-depth3-gd.yaml'),
  seedWorkload('leaky-relu-step', 'leaky-ReLU 2-layer n40 d2000 m50 GD step', 'leaky-relu-rank.yaml'),
  seedWorkload('teacher-student-step', 'teacher-student ReLU m300 d5 n50 GD step', 'optimization-threshold.yaml'),
];
