import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../src/contracts/callback.js';
import { runTraining } from '../../src/trainer/index.js';
import { baseRawConfig, resolveFixture } from '../fixtures/trainer/configs.js';
import { tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

async function tensorCounts(raw: Record<string, unknown>): Promise<Map<number, number>> {
  const container = fixtureContainer();
  const counts = new Map<number, number>();
  const probe: Callback = { onStepEnd: (_ctx, record) => void counts.set(record.step, tf.memory().numTensors) };
  const result = await runTraining(resolveFixture(container, raw), {
    container,
    outDir: tempRunDir(),
    backend: 'cpu',
    callbacks: [probe],
  });
  expect(result.status).toBe('completed');
  return counts;
}

function expectSteady(counts: Map<number, number>, from: number, to: number) {
  const window = Array.from({ length: to - from + 1 }, (_, i) => counts.get(from + i));
  expect(new Set(window).size).toBe(1);
}

const train = { steps: 60, batchSize: 16, evalEvery: 10, checkpointEvery: 20, logEvery: 5, evalBatchSize: 16 };

describe('no tensor leak', () => {
  beforeAll(useCpu);

  it('tensor count is steady over 50 steps with penalties, metrics, evaluations and checkpoints', async () => {
    const counts = await tensorCounts(
      baseRawConfig({
        train,
        penalties: [
          { use: 'fixture-frobenius', weight: 0.01 },
          { use: 'fixture-frobenius', weight: 0.02, select: ['out/ker*'] },
        ],
      }),
    );
    expectSteady(counts, 10, 60);
  });

  it('also with a decoupled penalty', async () => {
    const counts = await tensorCounts(
      baseRawConfig({
        train,
        optimizer: { use: 'fixture-decoupled-sgd', lr: 0.05, decoupledLr: 0.01 },
        penalties: [{ use: 'fixture-frobenius', weight: 0.1, coupling: 'decoupled' }],
      }),
    );
    expectSteady(counts, 10, 60);
  });

  it('a finished run releases what it created', async () => {
    const before = tf.memory().numTensors;
    await tensorCounts(baseRawConfig({ train: { ...train, steps: 12 } }));
    expect(tf.memory().numTensors).toBe(before);
  });
});
