import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container as rootContainer } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PluginRegistry,
  readModelArtifacts,
  register,
  registerPlugin,
  resolveConfig,
  runTraining,
} from '@rankbias/core';
import { matrixCompletionPlugins } from '../../src/matrix-completion/plugins.js';

describe('a matrix-factorization run saves its model', () => {
  const container = rootContainer.createChildContainer();
  beforeAll(async () => {
    await tf.setBackend('cpu');
    register(container);
    for (const f of matrixCompletionPlugins) registerPlugin(container, f);
  });
  const raw = (train: Record<string, unknown>) => ({
    seed: 4,
    data: { use: 'matrix-completion', size: 5, rank: 1, observed: 12 },
    model: { use: 'matrix-factorization', size: 5, depth: 2 },
    optimizer: { use: 'sgd', lr: 0.1 },
    loggers: [],
    train: { steps: 2, batchSize: 'full', ...train },
  });

  it('as weights-only model.json: every factor and the end-to-end product, equal to the product of the factors', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'rankbias-mf-save-'));
    await runTraining(resolveConfig(raw({}), new PluginRegistry(container)), { container, backend: 'cpu', outDir });
    const json = JSON.parse(readFileSync(join(outDir, 'model', 'model.json'), 'utf8'));
    expect(json.format).toBe('rankbias-weights');
    const artifacts = await readModelArtifacts(join(outDir, 'model'));
    const named = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
    const names = Object.keys(named);
    expect(names).toContain('end-to-end');
    const factors = names.filter((n) => n !== 'end-to-end').map((n) => named[n]!);
    expect(factors).toHaveLength(2);
    const product = tf.matMul(factors[1]!, factors[0]!);
    const alt = tf.matMul(factors[0]!, factors[1]!);
    const e2e = named['end-to-end']!;
    const diff = Math.min(
      tf.max(tf.abs(tf.sub(product, e2e))).dataSync()[0]!,
      tf.max(tf.abs(tf.sub(alt, e2e))).dataSync()[0]!,
    );
    expect(diff).toBeLessThan(1e-6);
    tf.dispose([product, alt, ...Object.values(named)]);
  });

  it('train.saveModel: false saves none', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'rankbias-mf-nosave-'));
    await runTraining(resolveConfig(raw({ saveModel: false }), new PluginRegistry(container)), {
      container,
      backend: 'cpu',
      outDir,
    });
    expect(existsSync(join(outDir, 'result.json'))).toBe(true);
    expect(existsSync(join(outDir, 'model'))).toBe(false);
  });
});
