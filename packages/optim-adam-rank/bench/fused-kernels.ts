/**
 * `npx tsx packages/optim-adam-rank/bench/fused-kernels.ts [--sizes 2000,10000,80000]`
 *
 * The fused optimizer kernels on wasm against the composed tfjs kernels they
 * replace (the fused kernel unregistered), side by side in one process: Adam's
 * moments and update (`scaleByAdam`) and the parameter update `x + s·u`
 * (`sgd`), per parameter size. With WebAssembly SIMD the fused kernels run
 * four float32 lanes at a time; the table says which loop ran.
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@rankbias/core';
import { TransformOptimizer } from '../src/adapter/transform-optimizer.js';
import { ADAM_MOMENTS, registerAdamMomentsKernel } from '../src/transforms/adam-moments-kernel.js';
import { ADD_SCALED, registerAddScaledKernel } from '@rankbias/core';
import { adam, sgd } from '../src/transforms/aliases.js';
import { WASM_ACCESS } from '@rankbias/core';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const sizes = arg('sizes', '2000,10000,80000').split(',').map(Number);

await selectBackend('wasm');
const simd = WASM_ACCESS.simd!(tf.backend()) !== undefined;

/** Median µs of one optimizer step on one parameter of `size` elements. */
function stepMicros(size: number, makeOptimizer: () => tf.Optimizer): number {
  const w = tf.variable(tf.randomNormal([size], 0, 1, 'float32', 1));
  const g = tf.randomNormal([size], 0, 1, 'float32', 2);
  const optimizer = makeOptimizer();
  const grads = { [w.name]: g };
  for (let i = 0; i < 50; i++) optimizer.applyGradients(grads);
  const times: number[] = [];
  for (let rep = 0; rep < 15; rep++) {
    const start = performance.now();
    for (let i = 0; i < 40; i++) optimizer.applyGradients(grads);
    times.push(((performance.now() - start) / 40) * 1000);
  }
  optimizer.dispose();
  tf.dispose([w, g]);
  return times.sort((a, b) => a - b)[7]!;
}

const rows: string[] = [];
for (const size of sizes) {
  for (const [label, kernel, make, register] of [
    ['Adam step', ADAM_MOMENTS, () => new TransformOptimizer(adam(1e-3)), registerAdamMomentsKernel],
    ['GD step (x + s·u)', ADD_SCALED, () => new TransformOptimizer(sgd(0.1)), registerAddScaledKernel],
  ] as const) {
    // Alternate the two routes so that drift in machine load hits both alike.
    const fused: number[] = [];
    const composed: number[] = [];
    for (let round = 0; round < 3; round++) {
      fused.push(stepMicros(size, make));
      tf.unregisterKernel(kernel, 'wasm');
      composed.push(stepMicros(size, make));
      register();
    }
    const [f, c] = [Math.min(...fused), Math.min(...composed)];
    rows.push(
      `| ${label} | ${size.toLocaleString('en')} | ${f.toFixed(0)} µs | ${c.toFixed(0)} µs | ${(c / f).toFixed(2)}× |`,
    );
  }
}
console.log(
  `fused optimizer kernels on wasm (${simd ? 'WebAssembly SIMD loops' : 'scalar JS loops: no SIMD here'}), best of 3`,
);
console.log('| step | elements | fused | composed | composed/fused |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
