import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayersModelFromDir, runTraining, saveModelToDir } from '../../src/trainer/index.js';
import { resolveFixture } from '../fixtures/trainer/configs.js';
import { tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

describe('model directories', () => {
  beforeAll(useCpu);

  it('saveModelToDir writes model.json + weights.bin that loadLayersModelFromDir reads back', async () => {
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ units: 3, inputShape: [4], activation: 'tanh' }), tfl.layers.dense({ units: 2 })],
    });
    const dir = tempRunDir('saved');
    await saveModelToDir(model, dir);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['./weights.bin']);
    expect(readFileSync(join(dir, 'weights.bin')).byteLength).toBe((4 * 3 + 3 + 3 * 2 + 2) * 4);
    const loaded = await loadLayersModelFromDir(dir);
    const x = tf.randomNormal([5, 4], 0, 1, 'float32', 1);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('loading from a directory without a model says what is expected', async () => {
    await expect(loadLayersModelFromDir(tempRunDir('empty'))).rejects.toThrow(/model\.json \+ weights\.bin/);
  });

  it('trains an expanded model and saves the collapsed one, which computes the same function', async () => {
    const container = fixtureContainer();
    const outDir = tempRunDir();
    const raw = {
      seed: 4,
      data: { use: 'fixture-blobs', task: 'regression', train: 32, test: 8, dim: 3 },
      model: { use: 'fixture-linear' },
      overparam: { use: 'fixture-two-factor' },
      optimizer: { use: 'sgd', lr: 0.01 },
      loggers: [],
      train: { steps: 5, batchSize: 8 },
    };
    const seen: string[] = [];
    const effective: { name: string; shape: number[] }[] = [];
    const result = await runTraining(resolveFixture(container, raw), {
      container,
      outDir,
      backend: 'cpu',
      callbacks: [
        {
          onTrainStart: (ctx) => {
            seen.push(...ctx.model.trainableVariables().map((v) => v.name));
            const eff = ctx.model.effectiveWeights?.() ?? [];
            effective.push(...eff.map((w) => ({ name: w.name, shape: w.tensor.shape })));
            tf.dispose(eff.map((w) => w.tensor));
          },
        },
      ],
    });
    expect(result.status).toBe('completed');
    expect(seen).toEqual(['w_f0/kernel', 'w_f1/kernel']);
    expect(effective).toEqual([{ name: 'w/effective-kernel', shape: [3, 2] }]);
    expect(existsSync(join(outDir, 'model-collapsed', 'model.json'))).toBe(true);
    const expanded = await loadLayersModelFromDir(join(outDir, 'model'));
    const collapsed = await loadLayersModelFromDir(join(outDir, 'model-collapsed'));
    expect(collapsed.layers).toHaveLength(1);
    const x = tf.randomNormal([6, 3], 0, 1, 'float32', 2);
    const [a, b] = [expanded.predict(x) as tf.Tensor, collapsed.predict(x) as tf.Tensor];
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([x, a, b]);
  });

  it('an overparam plugin on a model that is not a layers model is a clear error', async () => {
    const container = fixtureContainer();
    const raw = {
      data: { use: 'fixture-blobs', task: 'regression' },
      model: { use: 'fixture-factorized' },
      overparam: { use: 'fixture-two-factor' },
      optimizer: { use: 'sgd' },
      loggers: [],
      train: { steps: 1 },
    };
    await expect(runTraining(resolveFixture(container, raw), { container, backend: 'cpu' })).rejects.toThrow(
      /overparam "fixture-two-factor" .* model "fixture-factorized" is not one \(it has no layersModel\)/,
    );
  });
});
