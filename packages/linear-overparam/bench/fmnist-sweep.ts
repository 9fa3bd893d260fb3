import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { container } from 'tsyringe';
import {
  PluginRegistry,
  readConfigFile,
  register as registerCore,
  resolveConfig,
  runTraining,
  type RunResult,
} from '@rankbias/core';
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
  /** SGD learning rate (the shipped configs use 0.02). */
  lr?: number;
  perClass: number;
  testPerClass: number;
  backend: string;
  outRoot: string;
}

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

/**
 * The experiment config of one point: the shipped base config
 * examples/linear-overparam-<model>.yaml with the seed, steps, subset sizes
 * and (for depth > 1) `overparam: {use: linear, depth, expansion: 1}` set.
 */
export function sweepConfig(p: SweepPoint, s: SweepSettings): Record<string, unknown> {
  const base = readConfigFile(join(examples, `linear-overparam-${p.model}.yaml`));
  const data = base['data'] as Record<string, unknown>;
  const train = base['train'] as Record<string, unknown>;
  return {
    ...base,
    name: `linear-overparam-${p.model}-d${p.depth}`,
    seed: p.seed,
    backend: s.backend,
    data: { ...data, perClass: s.perClass, testPerClass: s.testPerClass },
    ...(p.depth > 1 ? { overparam: { use: 'linear', depth: p.depth, expansion: 1 } } : {}),
    ...(s.lr ? { optimizer: { ...(base['optimizer'] as object), lr: s.lr } } : {}),
    train: { ...train, steps: s.steps },
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
  const outDir = join(s.outRoot, `${p.model}${s.lr ? `-lr${s.lr}` : ''}-d${p.depth}-s${p.seed}`);
  mkdirSync(s.outRoot, { recursive: true });
  return runTraining(config, { container: child, outDir, backend: s.backend, loggers: [] });
}
