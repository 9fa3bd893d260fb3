import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** max |a − b| / max(|b|, tiny) over all entries. */
export function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  const [diff, scale] = tf.tidy(() => [tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(b))]);
  const d = diff!.dataSync()[0]!;
  const s = scale!.dataSync()[0]!;
  tf.dispose([diff!, scale!]);
  return d / Math.max(s, 1e-12);
}

/** Deterministic pseudo-random numbers (mulberry32) for float64 references. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}
