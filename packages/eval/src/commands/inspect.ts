import { resolve } from 'node:path';
import { definePlugin, selectBackend, singularValues, spectrumSummary, z, type CliEnv, type Command } from '@rankbias/core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadSavedModel } from '../io/load-model.js';
import { tensorToMatrix } from '@rankbias/core';
import { formatNumber } from '../stats/format.js';

/** Spectral description of one weight of rank >= 2. */
export interface WeightInspection {
  readonly layer: string;
  readonly weight: string;
  readonly shape: number[];
  /** Rows and columns of its matrix view. */
  readonly matrix: [number, number];
  readonly effectiveRank: number;
  readonly entropy: number;
  readonly stableRank: number;
  readonly nuclearFrobenius: number;
  readonly numericalRank: number;
  readonly topSingularValues: number[];
}

/** Every weight of rank >= 2 of every layer (kernels; conv kernels viewed as [kh*kw*in, out]). */
export async function inspectModel(model: tfl.LayersModel, top = 5): Promise<WeightInspection[]> {
  const out: WeightInspection[] = [];
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      if (w.shape.length < 2) continue;
      const m = await tensorToMatrix(w.read());
      const s = singularValues(m);
      const sum = spectrumSummary(s, { maxDim: Math.max(m.rows, m.cols) });
      out.push({
        layer: layer.name,
        weight: w.originalName ?? w.name,
        shape: [...w.shape] as number[],
        matrix: [m.rows, m.cols],
        effectiveRank: sum.effectiveRank,
        entropy: sum.entropy,
        stableRank: sum.stableRank,
        nuclearFrobenius: sum.nuclearFrobenius,
        numericalRank: sum.numericalRank,
        topSingularValues: Array.from(s.subarray(0, top)),
      });
    }
  }
  return out;
}

/** A fixed-width text table. */
export function textTable(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** The inspection as table lines. */
export function inspectionTable(items: readonly WeightInspection[]): string[] {
  return textTable(
    ['layer', 'weight', 'shape', 'matrix', 'erank', 'stable rank', 'nuc/fro', 'rank', 'top singular values'],
    items.map((x) => [
      x.layer,
      x.weight,
      x.shape.join('x'),
      x.matrix.join('x'),
      formatNumber(x.effectiveRank),
      formatNumber(x.stableRank),
      formatNumber(x.nuclearFrobenius),
      String(x.numericalRank),
      x.topSingularValues.map(formatNumber).join(' '),
    ]),
  );
}

/** Adds `inspect` to the program. */
export function registerInspectCommand(program: Command, env: CliEnv): void {
  program
    .command('inspect')
    .description('Spectral summary of a saved tfjs model: per weight, shape, effective rank, stable rank, nuclear/Frobenius ratio, top singular values')
    .argument('<model>', 'model.json of a saved tfjs-layers model (or its directory)')
    .option('--json', 'print JSON instead of a table')
    .option('--top <k>', 'how many singular values to show', (v) => Number(v), 5)
    .addHelpText('after', '\nExample: rankbias inspect runs/mlp/model/model.json')
    .action(async (path: string, opts: { json?: boolean; top: number }) => {
      await selectBackend('cpu');
      const model = await loadSavedModel(resolve(path));
      try {
        const items = await inspectModel(model, opts.top);
        if (opts.json) env.out(JSON.stringify(items, null, 2));
        else if (!items.length) env.out('no layer of this model has a weight matrix (rank >= 2)');
        else for (const l of inspectionTable(items)) env.out(l);
      } finally {
        model.dispose();
      }
    });
}

/** The `inspect` command plugin. */
export const inspectCommand = definePlugin({
  kind: 'command',
  name: 'inspect',
  description: 'rankbias inspect <model.json>: effective rank, stable rank, nuclear/Frobenius ratio and top singular values per layer',
  options: z.strictObject({}),
  create: () => ({ register: registerInspectCommand }),
});
