/**
 * `npx tsx bench/dense-activation.ts [--workloads teacher-student-step,leaky-relu-step] [--reps 21]`
 *
 * The two-layer seeds' training steps (results 2 and 3) with the hidden
 * layer as one kernel (`denseActivation`, the default) and composed of tfjs
 * ops (`model.fusedHidden=false`), side by side in one process on wasm +
 * BLAS: chunks of 50 steps alternate between the two trainers, and the table
 * shows each side's median wall time per step, their ratio, and kernels per
 * step. Both sides compute the same numbers (tested bit for bit).
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_SETUPS } from './backends.js';
import { SEED_CHUNK, seedWorkload } from './seed-workloads.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const CASES: Record<string, { label: string; file: string }> = {
  'teacher-student-step': { label: 'teacher-student ReLU m300 d5 n50 GD step', file: 'optimization-threshold.yaml' },
  'leaky-relu-step': { label: 'leaky-ReLU 2-layer n40 d2000 m50 GD step', file: 'leaky-relu-rank.yaml' },
};
const ids = arg('workloads', Object.keys(CASES).join(',')).split(',');
const reps = Number(arg('reps', '21'));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await BACKEND_SETUPS.find((b) => b.id === 'wasm-blas')!.activate();
const rows: string[] = [];
for (const id of ids) {
  const c = CASES[id];
  if (!c) throw new Error(`--workloads: unknown ${id}; known: ${Object.keys(CASES).join(', ')}`);
  const sides = {
    composed: await seedWorkload(id, c.label, c.file, ['model.fusedHidden=false']).setup(),
    kernel: await seedWorkload(id, c.label, c.file).setup(),
  };
  const kernels: Record<string, number> = {};
  const times: Record<string, number[]> = { composed: [], kernel: [] };
  try {
    for (const [side, state] of Object.entries(sides)) {
      await state.step();
      kernels[side] = (await tf.profile(() => state.step())).kernels.length / SEED_CHUNK;
    }
    for (let r = 0; r < reps; r++) {
      for (const side of r % 2 ? (['kernel', 'composed'] as const) : (['composed', 'kernel'] as const)) {
        const start = performance.now();
        await sides[side].step();
        times[side]!.push(((performance.now() - start) / SEED_CHUNK) * 1000);
      }
    }
  } finally {
    for (const state of Object.values(sides)) state.dispose();
  }
  const pairRatios = times.kernel!.map((t, i) => t / times.composed![i]!);
  rows.push(
    `| ${c.label} | ${kernels.composed} → ${kernels.kernel} | ${median(times.composed!).toFixed(0)} µs | ` +
      `${median(times.kernel!).toFixed(0)} µs | ${median(pairRatios).toFixed(2)} |`,
  );
  console.log(rows.at(-1));
}
console.log(
  [
    '',
    '| workload | kernels/step (composed → kernel) | step, hidden layer composed | step, one kernel | ratio |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `median wall time per step over ${reps} alternating 50-step chunks each (ratio: median of the pairs), wasm + BLAS`,
  ].join('\n'),
);
