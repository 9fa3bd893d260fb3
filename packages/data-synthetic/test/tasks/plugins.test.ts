import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container } from 'tsyringe';
import { createRng, PluginRegistry, type Dataset, type PluginContext } from '@rankbias/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/register.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function setup(seed = 3) {
  const child = container.createChildContainer();
  register(child);
  const registry = new PluginRegistry(child);
  const ctx: PluginContext = { container: child, rng: createRng(seed), seed, backend: 'cpu' };
  return { registry, ctx };
}

describe('synthetic task plugins', () => {
  it('register adds the three tasks from this package', () => {
    const { registry } = setup();
    for (const name of ['orthogonal-clusters', 'relu-teacher', 'linear-teacher']) {
      expect(registry.has('dataset', name)).toBe(true);
      expect(registry.get('dataset', name).package).toBe('@rankbias/data-synthetic');
    }
  });

  it('creates each task from its defaults and gives well-shaped, leak-free batches', async () => {
    const { registry, ctx } = setup();
    for (const [name, opts, xShape, yShape] of [
      ['orthogonal-clusters', { n: 10, dim: 100 }, [3, 100], [3]],
      ['relu-teacher', {}, [3, 5], [3, 1]],
      ['linear-teacher', {}, [3, 20], [3, 10]],
    ] as const) {
      const ds = (await registry.create('dataset', name, opts, ctx)) as Dataset;
      const before = tf.memory().numTensors;
      const { x, y } = ds.batch('train', Int32Array.from([0, 1, 2]), { augment: true, rng: createRng(1) });
      expect(x.shape).toEqual(xShape);
      expect(y.shape).toEqual(yShape);
      expect(y.dtype).toBe('float32');
      tf.dispose([x, y]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('derives data from the run seed unless dataSeed fixes it', async () => {
    const a = setup(1);
    const b = setup(2);
    const get = async (s: ReturnType<typeof setup>, opts: object) => {
      const ds = (await s.registry.create('dataset', 'relu-teacher', { n: 5, ...opts }, s.ctx)) as Dataset;
      const { x, y } = ds.batch('train', Int32Array.from([0, 1, 2, 3, 4]));
      const out = Array.from(x.dataSync());
      tf.dispose([x, y]);
      return out;
    };
    expect(await get(a, {})).not.toEqual(await get(b, {}));
    expect(await get(a, { dataSeed: 9 })).toEqual(await get(b, { dataSeed: 9 }));
  });

  it('validates options with clear paths', () => {
    const { registry } = setup();
    const lt = registry.get('dataset', 'linear-teacher').options;
    const r = lt.safeParse({ inputDim: 2, outputDim: 2, singularValues: [1, 1, 1] });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('singularValues');
    expect(registry.get('dataset', 'orthogonal-clusters').options.safeParse({ labelNoise: 2 }).success).toBe(false);
    expect(registry.get('dataset', 'relu-teacher').options.safeParse({ teacher: 'tanh' }).success).toBe(false);
  });
});
