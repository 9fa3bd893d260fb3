import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../src/contracts/callback.js';
import type { Dataset } from '../../src/contracts/dataset.js';
import { runTraining } from '../../src/trainer/index.js';
import { resolveFixture } from '../fixtures/trainer/configs.js';
import { useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

const LR = 0.05;
const LAMBDA = 0.3;

function rawConfig(optimizer: Record<string, unknown>, coupling: 'coupled' | 'decoupled') {
  return {
    seed: 3,
    data: { use: 'fixture-blobs', task: 'regression', train: 24, test: 0, dim: 3 },
    model: { use: 'fixture-linear' },
    optimizer,
    penalties: [{ use: 'fixture-frobenius', weight: LAMBDA, coupling }],
    loggers: [],
    train: { steps: 1, batchSize: 'full', evalSplits: ['train'] },
  };
}

/** Runs one step and returns the dataset, W before and W after (float64 copies). */
async function oneStep(raw: Record<string, unknown>) {
  const container = fixtureContainer();
  const snapshots: Float64Array[] = [];
  let dataset: Dataset | undefined;
  let shape: number[] = [];
  const capture: Callback = {
    onTrainStart: (ctx) => {
      dataset = ctx.dataset;
      const w = ctx.model.trainableVariables()[0]!.variable;
      shape = w.shape;
      snapshots.push(Float64Array.from(w.dataSync()));
    },
    onStepEnd: (ctx) => void snapshots.push(Float64Array.from(ctx.model.trainableVariables()[0]!.variable.dataSync())),
  };
  const result = await runTraining(resolveFixture(container, raw), { container, backend: 'cpu', callbacks: [capture] });
  return { result, dataset: dataset!, w0: snapshots[0]!, w1: snapshots[1]!, shape };
}

/** Plain float64 data: X [n, d], Y [n, k] of the whole train split. */
function trainingData(dataset: Dataset) {
  const n = dataset.size('train');
  const b = dataset.batch(
    'train',
    Int32Array.from({ length: n }, (_, i) => i),
    { augment: false },
  );
  const x = Float64Array.from(b.x.dataSync());
  const y = Float64Array.from(b.y.dataSync());
  tf.dispose([b.x, b.y]);
  return { x, y, n, d: dataset.inputShape[0]!, k: dataset.outputSize };
}

/** mean((XW − Y)²) and λ‖W‖_F in float64, W [d, k] row-major. */
function losses(w: Float64Array, data: ReturnType<typeof trainingData>) {
  const { x, y, n, d, k } = data;
  let se = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let p = 0;
      for (let j = 0; j < d; j++) p += x[i * d + j]! * w[j * k + c]!;
      se += (p - y[i * k + c]!) ** 2;
    }
  }
  const norm = Math.sqrt(w.reduce((s, v) => s + v * v, 0));
  return { data: se / (n * k), penalty: LAMBDA * norm };
}

/** Central finite differences of `f` at `w`. */
function finiteDifference(w: Float64Array, f: (w: Float64Array) => number, h = 1e-5): Float64Array {
  const g = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const plus = Float64Array.from(w);
    const minus = Float64Array.from(w);
    plus[i]! += h;
    minus[i]! -= h;
    g[i] = (f(plus) - f(minus)) / (2 * h);
  }
  return g;
}

function expectClose(actual: Float64Array, expected: Float64Array, relTol: number) {
  const scale = Math.max(...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(relTol * scale);
}

describe('penalty coupling', () => {
  beforeAll(useCpu);

  it('coupled: the step follows the gradient of data loss + λ·penalty (finite differences)', async () => {
    const { result, dataset, w0, w1 } = await oneStep(rawConfig({ use: 'sgd', lr: LR }, 'coupled'));
    expect(result.status).toBe('completed');
    const data = trainingData(dataset);
    const total = (w: Float64Array) => {
      const l = losses(w, data);
      return l.data + l.penalty;
    };
    const stepGradient = w0.map((v, i) => (v - w1[i]!) / LR);
    const fd = finiteDifference(w0, total);
    expectClose(stepGradient, fd, 2e-3);
    // and the penalty really contributes: the data gradient alone is farther off
    const fdData = finiteDifference(w0, (w) => losses(w, data).data);
    const offByPenalty = Math.max(...Array.from(stepGradient, (g, i) => Math.abs(g - fdData[i]!)));
    expect(offByPenalty).toBeGreaterThan(0.05 * LAMBDA);
  });

  it('decoupled: the penalty gradient reaches applyGradientsDecoupled separately', async () => {
    const DLR = 0.2;
    const { dataset, w0, w1 } = await oneStep(
      rawConfig({ use: 'fixture-decoupled-sgd', lr: LR, decoupledLr: DLR }, 'decoupled'),
    );
    const data = trainingData(dataset);
    const gData = finiteDifference(w0, (w) => losses(w, data).data);
    const gPen = finiteDifference(w0, (w) => losses(w, data).penalty);
    // w1 = w0 − lr·∇data − decoupledLr·∇(λ‖W‖_F)
    const expected = w0.map((v, i) => v - LR * gData[i]! - DLR * gPen[i]!);
    expectClose(w1, expected, 2e-4);
  });

  it('decoupled with an optimizer that cannot take it: a clear error', async () => {
    const container = fixtureContainer();
    const config = resolveFixture(container, rawConfig({ use: 'sgd', lr: LR }, 'decoupled'));
    await expect(runTraining(config, { container, backend: 'cpu' })).rejects.toThrow(
      /applyGradientsDecoupled.*coupling: coupled/,
    );
  });
});
