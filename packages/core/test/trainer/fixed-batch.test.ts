import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../src/contracts/callback.js';
import type { BatchOptions, Dataset, Split } from '../../src/contracts/dataset.js';
import { runTraining } from '../../src/trainer/index.js';
import { baseRawConfig, resolveFixture } from '../fixtures/trainer/configs.js';
import { metricsWithoutTime, tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

/**
 * Counts the training batches the trainer asks the dataset for; with
 * `forgetAugments` the dataset no longer says that it does not augment.
 */
function batchCounter(forgetAugments = false): { callback: Callback; trainBatches: () => number } {
  let count = 0;
  const callback: Callback = {
    onTrainStart: (ctx) => {
      const dataset = ctx.dataset as Dataset & { batch: Dataset['batch'] };
      if (forgetAugments) Object.defineProperty(dataset, 'augments', { value: undefined });
      const batch = dataset.batch.bind(dataset);
      dataset.batch = (split: Split, indices: Int32Array, options?: BatchOptions) => {
        if (options?.augment) count += 1;
        return batch(split, indices, options);
      };
    },
  };
  return { callback, trainBatches: () => count };
}

async function train(data: Record<string, unknown>, forgetAugments = false) {
  const container = fixtureContainer();
  const counter = batchCounter(forgetAugments);
  const outDir = tempRunDir();
  const raw = baseRawConfig({
    data: { use: 'fixture-blobs', train: 64, test: 32, ...data },
    train: { steps: 12, batchSize: 'full', evalEvery: 4, checkpointEvery: 0, logEvery: 1, evalBatchSize: 16 },
  });
  const result = await runTraining(resolveFixture(container, raw), {
    container,
    outDir,
    backend: 'cpu',
    callbacks: [counter.callback],
  });
  expect(result.status).toBe('completed');
  return { result, records: metricsWithoutTime(outDir), trainBatches: counter.trainBatches() };
}

describe('full-batch training on a dataset that does not augment', () => {
  beforeAll(useCpu);

  it('builds the batch once, with the same results as building it at every step, and frees it', async () => {
    const before = tf.memory().numTensors;
    const fixed = await train({ noise: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const everyStep = await train({ noise: 0 }, true);
    expect(fixed.trainBatches).toBe(1);
    expect(everyStep.trainBatches).toBe(12);
    expect(fixed.records).toEqual(everyStep.records);
    expect(fixed.result.final).toEqual(everyStep.result.final);
  });

  it('builds a fresh batch at every step where the dataset augments', async () => {
    expect((await train({ noise: 0.1 })).trainBatches).toBe(12);
  });
});
