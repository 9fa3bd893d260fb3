import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Regularizer } from '@tensorflow/tfjs-layers/dist/regularizers.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DepthMirrorRegularizer,
  NuclearNormRegularizer,
  SquaredFrobeniusRegularizer,
  depthMirrorRatio,
  nuclearNorm,
} from '../src/index.js';
import { referenceRatio } from './reference.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function denseModel(regularizer: Regularizer | undefined, seed = 1): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({
        units: 6,
        inputShape: [8],
        useBias: false,
        kernelRegularizer: regularizer,
        kernelInitializer: tfl.initializers.glorotNormal({ seed }),
      }),
    ],
  });
}

describe('regularizer classes', () => {
  it('apply factor · penalty to a weight', () => {
    const w = tf.randomNormal([7, 5], 0, 1, 'float32', 2);
    const values = Float64Array.from(w.dataSync());
    const dense = { rows: 7, cols: 5, data: values };
    const cases: [Regularizer, number][] = [
      [new DepthMirrorRegularizer({ factor: 0.3 }), 0.3 * referenceRatio(dense)],
      [new NuclearNormRegularizer({ factor: 2, method: 'gram' }), 2 * nuclearNorm(dense)],
      [new SquaredFrobeniusRegularizer({ factor: 0.5 }), 0.5 * values.reduce((s, x) => s + x * x, 0)],
    ];
    for (const [reg, expected] of cases) {
      const v = reg.apply(w);
      expect(v.dataSync()[0]).toBeCloseTo(expected, 4);
      v.dispose();
    }
    w.dispose();
  });

  it('round-trip through getConfig/fromConfig and through a saved model topology', async () => {
    for (const reg of [
      new DepthMirrorRegularizer({ factor: 0.125, method: 'jacobi' }),
      new NuclearNormRegularizer({ factor: 3 }),
      new SquaredFrobeniusRegularizer({ factor: 0.01 }),
    ]) {
      const model = denseModel(reg);
      const json = JSON.parse(JSON.stringify(model.toJSON(null, false)));
      const serialized = json.config.layers[0].config.kernel_regularizer;
      expect(serialized.class_name).toBe((reg.constructor as unknown as { className: string }).className);
      expect(serialized.config).toEqual(reg.getConfig());
      const restored = await tfl.models.modelFromJSON({ modelTopology: json });
      const again = (restored.layers[0] as any).kernelRegularizer;
      expect(again).toBeInstanceOf(reg.constructor);
      expect(again.getConfig()).toEqual(reg.getConfig());
      restored.dispose();
      model.dispose();
    }
  });

  it('deserialize by class name like any tfjs object', () => {
    const cls = tf.serialization.SerializationMap.getMap().classNameMap['rankbias.DepthMirror'];
    expect(cls).toBeDefined();
    const reg = (cls![1] as any)(cls![0], { factor: 0.7, method: 'gram' });
    expect(reg).toBeInstanceOf(DepthMirrorRegularizer);
    expect(reg.factor).toBe(0.7);
    expect(reg.method).toBe('gram');
  });

  it('reject a bad factor or method with a message naming the class', () => {
    expect(() => new DepthMirrorRegularizer({ factor: -1 })).toThrow(/rankbias\.DepthMirror: factor must be/);
    expect(() => new NuclearNormRegularizer({ method: 'svd' as any })).toThrow(
      /rankbias\.NuclearNorm: method must be one of/,
    );
  });
});

describe('DepthMirrorRegularizer in model.compile + model.fit', () => {
  it('adds factor·R(W) to the loss and lowers R(W) relative to training without it', async () => {
    const x = tf.randomNormal([64, 8], 0, 1, 'float32', 3);
    const target = tf.randomNormal([8, 6], 0, 1, 'float32', 4);
    const y = tf.matMul(x, target);
    const train = async (reg?: DepthMirrorRegularizer) => {
      const model = denseModel(reg, 5);
      model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
      const kernel = () => tf.tidy(() => model.layers[0]!.getWeights()[0]!.clone());
      const k0 = kernel();
      const ratio0 = depthMirrorRatio(k0);
      const dataOnly = tf.tidy(() => tf.mean(tf.square(tf.sub(tf.matMul(x, k0), y)))).dataSync()[0]!;
      const history = await model.fit(x, y, { epochs: 40, batchSize: 64, verbose: 0, shuffle: false });
      const k1 = kernel();
      const out = { ratio0, ratio1: depthMirrorRatio(k1), dataOnly, losses: history.history.loss as number[] };
      tf.dispose([k0, k1]);
      model.dispose();
      return out;
    };
    const reg = await train(new DepthMirrorRegularizer({ factor: 5 }));
    const plain = await train();
    // Full batch: the first epoch's loss is taken at the initial kernel, data loss + factor · R(W).
    expect(reg.losses[0]).toBeCloseTo(reg.dataOnly + 5 * reg.ratio0, 3);
    expect(plain.losses[0]).toBeCloseTo(plain.dataOnly, 3);
    expect(reg.losses.every(Number.isFinite)).toBe(true);
    // Same start; the regularised kernel ends with a clearly lower nuclear/Frobenius ratio.
    expect(reg.ratio0).toBeCloseTo(plain.ratio0, 6);
    expect(reg.ratio1).toBeLessThan(plain.ratio1 - 0.2);
    tf.dispose([x, target, y]);
  });
});
