/**
 * Plain-JS reference of the 1→2→1 GELU toy of Chen et al. (docs/science.md#5-stochastic-collapse),
 * independent of tfjs, fast enough for many seeds: f(x) = a₁ gelu(w₁x) +
 * a₂ gelu(w₂x), SGD with batch 1 on 50 points of y = 1.5·gelu(x) with label
 * noise N(0, σ²) redrawn every step, Glorot-uniform initialisation. Counts
 * the runs whose neurons merged (2‖v₁ − v₂‖²/(‖v₁‖² + ‖v₂‖²) < 0.1 with
 * vᵢ = (wᵢ, aᵢ), the `collapse` metric's rule) and those that diverged.
 * The same experiment through rankbias: examples/stochastic-collapse-two-neuron.sweep.yaml.
 *
 *   npx tsx bench/two-neuron-toy.ts
 */
import { createRng, type Rng } from '@rankbias/core';
import { gelu } from '../src/tasks/teachers.js';

const density = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
/** d/dz gelu(z) = Φ(z) + z φ(z), with Φ(z) = gelu(z)/z. */
const dgelu = (z: number) => (z === 0 ? 0.5 : gelu(z) / z) + z * density(z);

interface Outcome {
  merged: boolean;
  diverged: boolean;
  loss: number;
}

function train(sigma: number, lr: number, steps: number, rng: Rng): Outcome {
  const n = 50;
  const xs = Array.from({ length: n }, () => rng.normal());
  const ys = xs.map((x) => 1.5 * gelu(x));
  const limit = Math.sqrt(6 / 3); // Glorot uniform for fan-in + fan-out = 3
  const w = [0, 1].map(() => (rng.next() * 2 - 1) * limit);
  const a = [0, 1].map(() => (rng.next() * 2 - 1) * limit);
  for (let t = 0; t < steps; t++) {
    const i = rng.int(n);
    const x = xs[i]!;
    const y = ys[i]! + sigma * rng.normal();
    const r = 2 * (a[0]! * gelu(w[0]! * x) + a[1]! * gelu(w[1]! * x) - y);
    for (let j = 0; j < 2; j++) {
      const ga = r * gelu(w[j]! * x);
      const gw = r * a[j]! * dgelu(w[j]! * x) * x;
      a[j]! -= lr * ga;
      w[j]! -= lr * gw;
    }
    if (!Number.isFinite(a[0]! + a[1]! + w[0]! + w[1]!)) return { merged: false, diverged: true, loss: Infinity };
  }
  const dist = (w[0]! - w[1]!) ** 2 + (a[0]! - a[1]!) ** 2;
  const norms = w[0]! ** 2 + a[0]! ** 2 + w[1]! ** 2 + a[1]! ** 2;
  const loss = xs.reduce((s, x, i) => s + (a[0]! * gelu(w[0]! * x) + a[1]! * gelu(w[1]! * x) - ys[i]!) ** 2, 0) / n;
  return { merged: (2 * dist) / (norms + 1e-8) < 0.1, diverged: false, loss };
}

const seeds = 64;
const steps = 3000;
const started = performance.now();
console.log(`1→2→1 GELU toy, SGD batch 1, ${steps} steps, ${seeds} seeds per cell: merged / diverged`);
for (const lr of [0.01, 0.05]) {
  const cells: string[] = [];
  for (const sigma of [0, 1, 2, 4]) {
    const out = Array.from({ length: seeds }, (_, s) => train(sigma, lr, steps, createRng(`toy:${s}`)));
    cells.push(
      `σ=${sigma}: ${out.filter((o) => o.merged).length}/${seeds} merged, ${out.filter((o) => o.diverged).length} diverged`,
    );
  }
  console.log(`lr ${lr}  ${cells.join('  |  ')}`);
}
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
