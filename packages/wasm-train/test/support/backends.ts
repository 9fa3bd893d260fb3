/** Shared test setup: the wasm backend with rankbias' kernels next to the cpu reference backend. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradient functions
import { initWasmBackend } from '../../src/index.js';

/** Initialises wasm (with the training kernels) and cpu; leaves wasm active. */
export async function setUpBackends(): Promise<void> {
  await tf.setBackend('cpu');
  await initWasmBackend();
}

/** Runs `fn` on `backend` and returns its result's values (tensors made by `fn` are freed). */
export function valuesOn(backend: 'wasm' | 'cpu', fn: () => tf.Tensor | tf.Tensor[]): Float32Array[] {
  const previous = tf.getBackend();
  tf.setBackend(backend);
  try {
    const out = tf.tidy(fn);
    const list = Array.isArray(out) ? out : [out];
    const values = list.map((t) => Float32Array.from(t.dataSync()));
    tf.dispose(list);
    return values;
  } finally {
    tf.setBackend(previous);
  }
}

/** Largest absolute difference relative to the scale of `expected` (max |expected|, at least 1). */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} != ${expected.length}`);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < actual.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / scale;
}

/** Asserts wasm and cpu give the same values for `fn` (relative tolerance). */
export function sameOnWasmAndCpu(fn: () => tf.Tensor | tf.Tensor[], tolerance = 1e-4): number {
  const wasm = valuesOn('wasm', fn);
  const cpu = valuesOn('cpu', fn);
  let worst = 0;
  wasm.forEach((w, i) => {
    worst = Math.max(worst, relativeError(w, cpu[i]!));
  });
  if (!(worst <= tolerance)) throw new Error(`wasm and cpu differ: relative error ${worst} > ${tolerance}`);
  return worst;
}
