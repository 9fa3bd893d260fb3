import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import {
  initWasmBackend,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  wasmTrainingKernelNames,
  wasmTrainingKernelsRegistered,
} from '../src/index.js';

function kernelTable(backend: string): Map<string, unknown> {
  return new Map(tf.getKernelsForBackend(backend).map((k) => [k.kernelName, k.kernelFunc]));
}

describe('registerWasmTrainingKernels', () => {
  it('initWasmBackend makes wasm active with the training kernels', async () => {
    await initWasmBackend();
    expect(tf.getBackend()).toBe('wasm');
    expect(wasmTrainingKernelsRegistered()).toBe(true);
    for (const name of wasmTrainingKernelNames()) expect(tf.getKernel(name, 'wasm')).toBeDefined();
  });

  it('is idempotent and leaves other backends alone', async () => {
    await tf.setBackend('cpu');
    const cpuBefore = kernelTable('cpu');
    const wasmBefore = kernelTable('wasm');
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(kernelTable('wasm')).toEqual(wasmBefore);
    expect(kernelTable('cpu')).toEqual(cpuBefore);
  });

  it('unregister restores the stock kernels (and conv nets stop training), register brings them back', async () => {
    await tf.setBackend('wasm');
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const trainFilter = () =>
      tf.tidy(() =>
        tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, 'same')))(tf.ones([2, 2, 1, 1])),
      );
    unregisterWasmTrainingKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(false);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBeDefined();
    expect(trainFilter).toThrow(/Conv2DBackpropFilter/);
    registerWasmTrainingKernels();
    const grad = trainFilter();
    // sum over a 4x4 'same' conv of ones: each filter tap sees 16, 12, 12 or 9 ones.
    expect(Array.from(grad.dataSync())).toEqual([16, 12, 12, 9]);
    tf.dispose([x, grad]);
  });
});
