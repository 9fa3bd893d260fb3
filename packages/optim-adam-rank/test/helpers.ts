import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '@rankbias/core';

let counter = 0;

/** A small least-squares problem over two variables with fixed data; `prefix` keeps variable names unique. */
export function makeProblem(prefix = `p${counter++}`, seed = 1) {
  const rng = createRng(seed);
  const normal = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const a = tf.tensor2d(normal(8 * 4), [8, 4]);
  const b = tf.tensor2d(normal(8 * 3), [8, 3]);
  const w = tf.variable(tf.tensor2d(normal(4 * 3), [4, 3]), true, `${prefix}/w`);
  const c = tf.variable(tf.tensor1d(normal(3)), true, `${prefix}/c`);
  const loss = () => tf.tidy(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(a, w), c), b))) as tf.Scalar);
  const values = () => [...w.dataSync(), ...c.dataSync()];
  const dispose = () => tf.dispose([a, b, w, c]);
  return { w, c, loss, values, dispose, vars: [w, c] };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}
