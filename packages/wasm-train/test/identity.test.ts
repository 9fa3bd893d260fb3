import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpBackends, valuesOn } from './support/backends.js';

beforeAll(setUpBackends);

/** Buffers the wasm backend holds (its own map, not tfjs's count). */
const heapBuffers = () => (tf.backend() as unknown as { dataIdMap: { numDataIds(): number } }).dataIdMap.numDataIds();

describe('Identity on wasm: clones share the buffer', () => {
  it('a clone shares the buffer, outlives its source, and the buffer is freed with the last tensor on it', () => {
    tf.setBackend('wasm');
    const before = heapBuffers();
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const y = x.clone();
    expect(heapBuffers()).toBe(before + 1); // no copy
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    expect(heapBuffers()).toBe(before + 1);
    y.dispose();
    expect(heapBuffers()).toBe(before);
  });

  it('ops on a clone leave the source as it was; variables assigned after a clone keep the clone', () => {
    tf.setBackend('wasm');
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const saved = v.clone();
    v.assign(tf.add(v, 10));
    expect(Array.from(saved.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([11, 12, 13]);
    tf.dispose([v, saved]);
  });

  it('gradients through saved tensors (the tape clones them) as on cpu; strings still copy', () => {
    const f = () =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.mul(a, b), a)))([
        tf.tensor1d([1, -2, 3]),
        tf.tensor1d([0.5, 4, -1]),
      ]);
    const [wasm, cpu] = [valuesOn('wasm', f), valuesOn('cpu', f)];
    wasm.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(cpu[i]!)));
    tf.setBackend('wasm');
    expect(tf.tensor1d(['a', 'b'], 'string').clone().dataSync()).toEqual(['a', 'b']);
  });
});
