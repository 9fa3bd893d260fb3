import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { container } from 'tsyringe';
import { PluginRegistry, register as registerCore, resolveConfig, runTraining, type RunResult } from '@rankbias/core';
import { register as registerData } from '@rankbias/data-cifar';
import { register as registerEval } from '@rankbias/eval';
import { register as registerLinear } from '../src/index.js';

/** One Fashion-MNIST run: model, expansion depth (1 = base, no overparam), seed. */
export interface SweepPoint {
  model: 'cnn' | 'mlp';
  depth: number;
  seed: number;
}

export interface SweepSettings {
  steps: number;
  perClass: number;
  testPerClass: number;
  backend: string;
  outRoot: string;
}

/** The experiment config of one point (also what examples/linear-overparam*.yaml hold). */
export function sweepConfig(p: SweepPoint, s: SweepSettings): Record<string, unknown> {
  const isCnn = p.model === 'cnn';
  return {
    name: `linear-overparam-${p.model}-d${p.depth}`,
    seed: p.seed,
    backend: s.backend,
    data: { use: 'fashion-mnist', perClass: s.perClass, testPerClass: s.testPerClass, flatten: !isCnn },
    model: isCnn ? { use: 'cnn', filters: [8, 16], dense: [32] } : { use: 'mlp', hidden: [128, 64] },
    ...(p.depth > 1 ? { overparam: { use: 'linear', depth: p.depth, expansion: 1 } } : {}),
    optimizer: { use: 'sgd', lr: 0.02, momentum: 0.9 },
    metrics: [{ use: 'embedding-rank', layer: 'act_' + (isCnn ? '0' : '1'), split: 'test', examples: 500, center: true }],
    train: { steps: s.steps, batchSize: 64, evalEvery: 0, logEvery: 50, evalSplits: ['train', 'test'] },
  };
}

/** Trains one point with core's runTraining; returns result.json's contents. */
export async function runPoint(p: SweepPoint, s: SweepSettings): Promise<RunResult> {
  const child = container.createChildContainer();
  registerCore(child);
  registerData(child);
  registerEval(child);
  registerLinear(child);
  const config = await resolveConfig(sweepConfig(p, s), new PluginRegistry(child));
  const outDir = join(s.outRoot, `${p.model}-d${p.depth}-s${p.seed}`);
  mkdirSync(s.outRoot, { recursive: true });
  return runTraining(config, { container: child, outDir, backend: s.backend, loggers: [] });
}
