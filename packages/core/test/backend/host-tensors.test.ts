import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { filledTensors, hostValues } from '../../src/backend/host-tensors.js';
import { selectBackend } from '../../src/backend/select-backend.js';

afterAll(async () => {
  await selectBackend('cpu');
});

describe.each(['cpu', 'wasm'] as const)('host tensors on %s', (backend) => {
  it('hostValues reads a tensor as dataSync does', async () => {
    await selectBackend(backend);
    const t = tf.tensor2d([1.5, -2, 3.25, 4, 5, -6], [2, 3]);
    expect([...hostValues(t)]).toEqual([1.5, -2, 3.25, 4, 5, -6]);
    t.dispose();
  });

  it('filledTensors makes tensors of the shapes holding what fill wrote, readable by ops', async () => {
    await selectBackend(backend);
    const before = tf.memory().numTensors;
    const [a, b] = filledTensors([[2, 2], [3]], ([x, y]) => {
      expect(x).toHaveLength(4);
      expect(y).toHaveLength(3);
      x!.set([1, 2, 3, 4]);
      y!.set([7, 8, 9]);
    });
    expect(a!.shape).toEqual([2, 2]);
    expect(b!.shape).toEqual([3]);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(await tf.matMul(a!, a!).data()).toEqual(new Float32Array([7, 10, 15, 22]));
    expect(await tf.sum(b!).data()).toEqual(new Float32Array([24]));
    tf.dispose([a!, b!]);
  });

  it('fill reads other tensors in place inside it (on wasm: views of the heap after the outputs exist)', async () => {
    await selectBackend(backend);
    const source = tf.tensor1d([0.5, 1, 2]);
    const [doubled] = filledTensors([[3]], ([out]) => {
      const values = hostValues(source);
      for (let i = 0; i < 3; i++) out![i] = 2 * values[i]!;
    });
    expect([...(await doubled!.data())]).toEqual([1, 2, 4]);
    expect([...(await source.data())]).toEqual([0.5, 1, 2]);
    tf.dispose([source, doubled!]);
  });
});

describe('host tensors on wasm share the heap', () => {
  it('hostValues is a view of the tensor itself, not a copy', async () => {
    await selectBackend('wasm');
    const t = tf.tensor1d([1, 2, 3]);
    const view = hostValues(t);
    view[1] = 20;
    expect([...(await t.data())]).toEqual([1, 20, 3]);
    t.dispose();
  });
});
