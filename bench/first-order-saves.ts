/**
 * `npx tsx bench/first-order-saves.ts [--workloads teacher-student-step,...] [--reps 7]`
 *
 * The seeds' training steps with and without `withFirstOrderSaves` (tfjs's
 * clone of every saved tensor), side by side in one process on wasm + BLAS:
 * chunks of 50 steps alternate between the two, and the table shows each
 * side's median wall time per step, their ratio, and kernels per step.
 * Without: the engine's switchable method (installed by the first
 * `withFirstOrderSaves`) is swapped for tfjs's own for those chunks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_SETUPS } from './backends.js';
import { SEED_CHUNK, SEED_WORKLOADS } from './seed-workloads.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const ids = arg('workloads', 'mc-d1-penalty,mc-d3-gd,leaky-relu-step,teacher-student-step').split(',');
const reps = Number(arg('reps', '7'));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const engine = tf.engine() as unknown as Record<string, unknown>;
const tfjsSaves = Object.getPrototypeOf(engine).saveTensorsForBackwardMode as unknown;
let switchable: unknown;
const setSaves = (clone: boolean) => {
  switchable ??= Object.hasOwn(engine, 'saveTensorsForBackwardMode') ? engine.saveTensorsForBackwardMode : undefined;
  if (switchable) engine.saveTensorsForBackwardMode = clone ? tfjsSaves : switchable;
};

await BACKEND_SETUPS.find((b) => b.id === 'wasm-blas')!.activate();
const rows: string[] = [];
for (const id of ids) {
  const workload = SEED_WORKLOADS.find((w) => w.id === id);
  if (!workload) throw new Error(`--workloads: unknown ${id}; known: ${SEED_WORKLOADS.map((w) => w.id).join(', ')}`);
  const state = await workload.setup();
  const kernels: Record<string, number> = {};
  const times: Record<string, number[]> = { clone: [], shared: [] };
  try {
    await state.step(); // a training step installs the switchable method
    for (const clone of [true, false]) {
      setSaves(clone);
      await state.step();
      kernels[clone ? 'clone' : 'shared'] = (await tf.profile(() => state.step())).kernels.length / SEED_CHUNK;
    }
    for (let r = 0; r < reps; r++) {
      for (const clone of r % 2 ? [false, true] : [true, false]) {
        setSaves(clone);
        const start = performance.now();
        await state.step();
        times[clone ? 'clone' : 'shared']!.push(((performance.now() - start) / SEED_CHUNK) * 1000);
      }
    }
  } finally {
    setSaves(false);
    state.dispose();
  }
  const [clone, shared] = [median(times.clone!), median(times.shared!)];
  rows.push(
    `| ${workload.label} | ${kernels.clone} → ${kernels.shared} | ${clone.toFixed(0)} µs | ${shared.toFixed(0)} µs | ${(shared / clone).toFixed(2)} |`,
  );
  console.log(rows.at(-1));
}
console.log(
  [
    '',
    '| workload | kernels/step (clone → shared) | step with tfjs clones | step with shared saves | ratio |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `median wall time per step over ${reps} alternating 50-step chunks each, wasm + BLAS`,
  ].join('\n'),
);
