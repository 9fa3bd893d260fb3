import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamRank, AdamWRank, GDRank } from '../src/index.js';
import { maxAbsDiff, useCpu } from './helpers.js';

beforeAll(useCpu);

function data() {
  const x = tf.tensor2d(
    Array.from({ length: 32 * 5 }, (_, i) => Math.sin(i * 0.37)),
    [32, 5],
  );
  const y = tf.tensor2d(
    Array.from({ length: 32 * 2 }, (_, i) => Math.cos(i * 0.11)),
    [32, 2],
  );
  return { x, y };
}

function buildModel(seedFrom?: tfl.LayersModel): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ inputShape: [5], units: 6, activation: 'tanh' }), tfl.layers.dense({ units: 2 })],
  });
  if (seedFrom) model.setWeights(seedFrom.getWeights());
  return model;
}

function flatWeights(model: tfl.LayersModel): number[] {
  return model.getWeights().flatMap((w) => Array.from(w.dataSync()));
}

describe('the adapter inside tfjs-layers', () => {
  it('model.compile + model.fit with AdamRank follows tf.train.adam', async () => {
    const { x, y } = data();
    const a = buildModel();
    const b = buildModel(a);
    const start = flatWeights(a);
    a.compile({ optimizer: new AdamRank({ learningRate: 0.01, epsilon: 1e-7 }), loss: 'meanSquaredError' });
    b.compile({ optimizer: tf.train.adam(0.01, 0.9, 0.999, 1e-7), loss: 'meanSquaredError' });
    const ha = await a.fit(x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 });
    await b.fit(x, y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0 });
    expect(maxAbsDiff(flatWeights(a), flatWeights(b))).toBeLessThan(1e-5);
    expect(maxAbsDiff(flatWeights(a), start)).toBeGreaterThan(0.01);
    const losses = ha.history.loss as number[];
    expect(losses[losses.length - 1]!).toBeLessThan(losses[0]!);
  });

  it('save with includeOptimizer, load, continue fitting = fitting without the interruption', async () => {
    const { x, y } = data();
    const make = () =>
      new AdamWRank({
        learningRate: { type: 'cosine', init: 0.02, decaySteps: 40 },
        weightDecay: 0.05,
        weightDecayMask: ['*kernel*'],
      });
    const straight = buildModel();
    const interrupted = buildModel(straight);
    straight.compile({ optimizer: make(), loss: 'meanSquaredError' });
    interrupted.compile({ optimizer: make(), loss: 'meanSquaredError' });
    await straight.fit(x, y, { epochs: 6, batchSize: 8, shuffle: false, verbose: 0 });
    await interrupted.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });

    let artifacts: tf.io.ModelArtifacts | undefined;
    await interrupted.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      { includeOptimizer: true },
    );
    const savedConfig = (interrupted.optimizer as AdamWRank).getConfig();
    // as in a new process: the loaded model's variables get the saved names only once these are free
    interrupted.dispose();
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
    expect(loaded.optimizer).toBeInstanceOf(AdamWRank);
    expect((loaded.optimizer as AdamWRank).getConfig()).toEqual(savedConfig);
    expect(loaded.optimizer.iterations).toBe(12);

    await loaded.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
    expect(maxAbsDiff(flatWeights(loaded), flatWeights(straight))).toBeLessThan(1e-6);
  });
});

describe('serialization', () => {
  const registered = () => tf.serialization.SerializationMap.getMap().classNameMap;

  it('registers prefixed class names', () => {
    for (const name of ['rankbias.AdamRank', 'rankbias.AdamWRank', 'rankbias.GDRank'])
      expect(registered()[name]).toBeDefined();
    expect(new GDRank().getClassName()).toBe('rankbias.GDRank');
  });

  it('getConfig -> fromConfig round-trips and rebuilds an equivalent optimizer', () => {
    const originals = [
      new AdamRank({ learningRate: 0.003, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 }),
      new AdamWRank({
        learningRate: { type: 'exponential', init: 0.1, rate: 0.5, transitionSteps: 10 },
        weightDecay: 0.3,
        weightDecayMask: ['*/w'],
      }),
      new GDRank({ learningRate: 0.2, momentum: 0.5, nesterov: true, weightDecay: 0.01 }),
    ];
    for (const original of originals) {
      const [cls, fromConfig] = registered()[original.getClassName()]!;
      const json = JSON.parse(JSON.stringify(original.getConfig()));
      const copy = fromConfig(cls, json) as AdamRank;
      expect(copy).toBeInstanceOf(original.constructor);
      expect(copy.getConfig()).toEqual(original.getConfig());
      // same behaviour on the same gradients
      const v1 = tf.variable(tf.tensor1d([1, -2, 3]), true, `ser-a-${original.getClassName()}`);
      const v2 = tf.variable(tf.tensor1d([1, -2, 3]), true, `ser-b-${original.getClassName()}`);
      for (let s = 0; s < 5; s++) {
        const g = tf.tensor1d([0.5 * s, -1, 2]);
        original.applyGradients({ [v1.name]: g });
        copy.applyGradients({ [v2.name]: g });
        g.dispose();
      }
      expect(Array.from(v2.dataSync())).toEqual(Array.from(v1.dataSync()));
      tf.dispose([v1, v2]);
    }
  });
});
