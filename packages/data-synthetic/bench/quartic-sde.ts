/**
 * The quartic SDE of Chen et al. (docs/science.md#5-stochastic-collapse):
 *   dθ = −(θ³ − μθ) dt + ζ θ dW.
 * θ = 0 is an invariant set; it attracts iff ζ > √(2μ) (the Itô drift of
 * log|θ| near 0 is μ − ζ²/2). Simulated exactly in log space,
 *   d log|θ| = (μ − θ² − ζ²/2) dt + ζ dW   (Euler–Maruyama),
 * so paths never jump across 0. Prints, per ζ, the fraction of paths with
 * |θ_T| < 1e-6 and the median log10|θ_T|, and writes a plot when asked.
 *
 *   npx tsx bench/quartic-sde.ts [--plot docs/experiments/img/quartic-sde.png]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRng } from '@rankbias/core';

const mu = 1;
const zetas = [0.5, 1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2, 2.5];
const paths = 200;
const T = 100;
const dt = 0.01;
const steps = Math.round(T / dt);
const rng = createRng(5);

interface Row {
  zeta: number;
  collapsed: number;
  medianLog10: number;
}

const rows: Row[] = [];
const started = performance.now();
for (const zeta of zetas) {
  const finals: number[] = [];
  for (let p = 0; p < paths; p++) {
    let logTheta = 0; // θ₀ = 1
    for (let s = 0; s < steps; s++) {
      const theta2 = Math.exp(2 * logTheta);
      logTheta += (mu - theta2 - (zeta * zeta) / 2) * dt + zeta * Math.sqrt(dt) * rng.normal();
    }
    finals.push(logTheta / Math.LN10);
  }
  finals.sort((a, b) => a - b);
  rows.push({ zeta, collapsed: finals.filter((v) => v < -6).length / paths, medianLog10: finals[paths >> 1]! });
}
const seconds = (performance.now() - started) / 1000;

console.log(
  `quartic SDE, μ = ${mu} (threshold √(2μ) = ${Math.sqrt(2 * mu).toFixed(3)}), ${paths} paths, T = ${T}, dt = ${dt}, ${seconds.toFixed(1)} s`,
);
console.log('zeta   collapsed(|θ_T|<1e-6)   median log10|θ_T|');
for (const r of rows)
  console.log(
    `${r.zeta.toFixed(2).padStart(4)}   ${r.collapsed.toFixed(2).padStart(8)}               ${r.medianLog10.toFixed(1)}`,
  );

const plotAt = process.argv.indexOf('--plot');
if (plotAt > 0) {
  const file = process.argv[plotAt + 1]!;
  const { renderSvg, svgToPng } = await import('@rankbias/eval');
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Quartic SDE: fraction of paths collapsed to θ = 0 at T = ${T} (μ = ${mu})`,
    width: 400,
    height: 220,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'zeta', type: 'quantitative', title: 'noise scale ζ' },
          y: { field: 'collapsed', type: 'quantitative', title: 'fraction collapsed' },
        },
      },
      {
        data: { values: [{ t: Math.sqrt(2 * mu) }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: 'firebrick' },
        encoding: { x: { field: 't', type: 'quantitative' } },
      },
    ],
    config: { font: 'DejaVu Sans, Arial, sans-serif', background: 'white' },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, svgToPng(await renderSvg(spec as never)));
  console.log(`plot: ${file}`);
}
