/**
 * `npx tsx bench/two-layer-step.ts [--workloads teacher-student-step,leaky-relu-step] [--reps 21]`
 *
 * The two-layer seeds' training steps (results 2 and 3) with rankbias's two
 * fusions switched on one at a time, side by side in one process on wasm +
 * BLAS (each fusion gives the same numbers bit for bit, tested):
 * - composed: the hidden layer as tfjs ops (`model.fusedHidden=false`) and
 *   tfjs's SGD update, a Multiply and an Add per parameter (`optimizer.fused=false`);
 * - + one-kernel hidden layer (`denseActivation`);
 * - + fused SGD update (`FusedSgdOptimizer`: one `addScaled` kernel per parameter): the default.
 * Three trainers, one per variant; chunks of 50 steps rotate between them, and
 * the table shows each one's median wall time per step, its ratio to the
 * composed one (median of the rounds), and kernels per step.
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
const VARIANTS: Record<string, readonly string[]> = {
  composed: ['model.fusedHidden=false', 'optimizer.fused=false'],
  hidden: ['optimizer.fused=false'],
  default: [],
};
const ids = arg('workloads', Object.keys(CASES).join(',')).split(',');
const reps = Number(arg('reps', '21'));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await BACKEND_SETUPS.find((b) => b.id === 'wasm-blas')!.activate();
const names = Object.keys(VARIANTS);
const rows: string[] = [];
for (const id of ids) {
  const c = CASES[id];
  if (!c) throw new Error(`--workloads: unknown ${id}; known: ${Object.keys(CASES).join(', ')}`);
  const states = Object.fromEntries(
    await Promise.all(
      names.map(async (v) => [v, await seedWorkload(id, c.label, c.file, VARIANTS[v]).setup()] as const),
    ),
  );
  const kernels: Record<string, number> = {};
  const times: Record<string, number[]> = Object.fromEntries(names.map((v) => [v, []]));
  try {
    for (const v of names) {
      await states[v]!.step();
      kernels[v] = (await tf.profile(() => states[v]!.step())).kernels.length / SEED_CHUNK;
    }
    for (let r = 0; r < reps; r++) {
      // Rotate the order each round, so that no variant always runs first.
      for (let k = 0; k < names.length; k++) {
        const v = names[(k + r) % names.length]!;
        const start = performance.now();
        await states[v]!.step();
        times[v]!.push(((performance.now() - start) / SEED_CHUNK) * 1000);
      }
    }
  } finally {
    for (const state of Object.values(states)) state.dispose();
  }
  const ratio = (v: string) => median(times[v]!.map((t, i) => t / times.composed![i]!)).toFixed(2);
  const cell = (v: string) => `${median(times[v]!).toFixed(0)} µs (${kernels[v]})`;
  rows.push(
    `| ${c.label} | ${cell('composed')} | ${cell('hidden')} | ${ratio('hidden')} | ${cell('default')} | ${ratio('default')} |`,
  );
  console.log(rows.at(-1));
}
console.log(
  [
    '',
    '| workload | composed (kernels/step) | one-kernel hidden layer | ratio | + fused SGD update (default) | ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `median wall time per step over ${reps} rotating 50-step chunks each (ratio to composed: median of the rounds), wasm + BLAS`,
  ].join('\n'),
);
