import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  CliUsageError,
  definePlugin,
  selectBackend,
  singularValues,
  spectrumSummary,
  z,
  type CliEnv,
  type Command,
} from '@rankbias/core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inspectTargets, type InspectTarget } from '../io/inspect-targets.js';
import { readSavedWeights, type SavedWeight } from '../io/saved-weights.js';
import { detectCollapse, neuronVectors } from '../metrics/collapse.js';
import { hiddenLayersOf } from '../metrics/model-neurons.js';
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

/** Stochastic-collapse summary of one hidden layer (default thresholds of the `collapse` metric). */
export interface LayerCollapse {
  readonly layer: string;
  readonly neurons: number;
  readonly vanished: number;
  readonly duplicates: number;
  readonly independentFraction: number;
}

/** Everything `inspect` reports about one saved model. */
export interface ModelInspection {
  readonly model: string;
  readonly run?: InspectTarget['run'];
  readonly weights: WeightInspection[];
  /** Hidden layers of a tfjs-layers model (empty for weights-only models). */
  readonly collapse: LayerCollapse[];
}

/** Every weight of rank >= 2 (conv kernels viewed as [kh*kw*in, out]). */
export async function inspectWeights(weights: readonly SavedWeight[], top = 5): Promise<WeightInspection[]> {
  const out: WeightInspection[] = [];
  for (const w of weights) {
    if (w.tensor.rank < 2) continue;
    const m = await tensorToMatrix(w.tensor);
    const s = singularValues(m);
    const sum = spectrumSummary(s, { maxDim: Math.max(m.rows, m.cols) });
    out.push({
      layer: w.layer,
      weight: w.name,
      shape: [...w.tensor.shape],
      matrix: [m.rows, m.cols],
      effectiveRank: sum.effectiveRank,
      entropy: sum.entropy,
      stableRank: sum.stableRank,
      nuclearFrobenius: sum.nuclearFrobenius,
      numericalRank: sum.numericalRank,
      topSingularValues: Array.from(s.subarray(0, top)),
    });
  }
  return out;
}

/** Every weight of rank >= 2 of every layer of a loaded tfjs-layers model. */
export async function inspectModel(model: tfl.LayersModel, top = 5): Promise<WeightInspection[]> {
  return inspectWeights(
    model.layers.flatMap((layer) =>
      layer.weights.map((w) => ({ layer: layer.name, name: w.originalName ?? w.name, tensor: w.read() })),
    ),
    top,
  );
}

/** Vanished and duplicated neurons of each hidden layer, from the saved kernels and biases. */
export async function inspectCollapse(weights: readonly SavedWeight[]): Promise<LayerCollapse[]> {
  const layers = await hiddenLayersOf(weights.map((w) => ({ name: w.name, variable: w.tensor })));
  return layers.map((l) => {
    const r = detectCollapse(neuronVectors(l.incoming, l.bias, l.outgoing));
    return {
      layer: l.name,
      neurons: r.neurons,
      vanished: r.vanished.length,
      duplicates: r.duplicates,
      independentFraction: r.independentFraction,
    };
  });
}

/** A fixed-width text table (the first `leftCols` columns left-aligned). */
export function textTable(head: string[], rows: string[][], leftCols = 3): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i < leftCols ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** The weight inspection as table lines. */
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

/** The collapse summary as table lines. */
export function collapseTable(items: readonly LayerCollapse[]): string[] {
  return textTable(
    ['hidden layer', 'neurons', 'vanished', 'duplicates', 'independent'],
    items.map((c) => [
      c.layer,
      String(c.neurons),
      String(c.vanished),
      String(c.duplicates),
      formatNumber(c.independentFraction),
    ]),
    1,
  );
}

/** Reads and inspects one saved model; its tensors are released before returning. */
export async function inspectSavedModel(target: InspectTarget, top = 5): Promise<ModelInspection> {
  const saved = await readSavedWeights(target.modelDir);
  try {
    return {
      model: target.modelDir,
      ...(target.run ? { run: target.run } : {}),
      weights: await inspectWeights(saved.weights, top),
      collapse: saved.layersModel ? await inspectCollapse(saved.weights) : [],
    };
  } finally {
    tf.dispose(saved.weights.map((w) => w.tensor));
  }
}

function printInspection(env: CliEnv, m: ModelInspection, many: boolean): void {
  if (many) env.out(`\n== ${m.run ? `${m.run.label}, seed ${m.run.seed}` : m.model} (${m.model})`);
  if (!m.weights.length) env.out('no weight matrix (rank >= 2) in this model');
  else for (const l of inspectionTable(m.weights)) env.out(l);
  if (m.collapse.length) {
    env.out('');
    for (const l of collapseTable(m.collapse)) env.out(l);
  }
}

/** Adds `inspect` to the program. */
export function registerInspectCommand(program: Command, env: CliEnv): void {
  program
    .command('inspect')
    .description(
      'Spectra of saved models: per weight, shape, effective rank, stable rank, nuclear/Frobenius ratio, numerical rank, top singular values; collapsed neurons per hidden layer',
    )
    .argument(
      '<path>',
      "a model directory (or its model.json), a run directory (its model/) or a sweep directory (every run's model)",
    )
    .option('--json', 'print JSON instead of tables: {"models": [{model, run?, weights, collapse}]}')
    .option('--top <k>', 'how many singular values to show', (v) => Number(v), 5)
    .addHelpText('after', '\nExamples:\n  rankbias inspect runs/mlp\n  rankbias inspect runs/default --json')
    .action(async (path: string, opts: { json?: boolean; top: number }) => {
      if (!Number.isInteger(opts.top) || opts.top < 0)
        throw new CliUsageError(`--top must be a whole number >= 0 (got ${opts.top})`);
      const targets = inspectTargets(resolve(path));
      await selectBackend('cpu');
      const models: ModelInspection[] = [];
      for (const t of targets) models.push(await inspectSavedModel(t, opts.top));
      if (opts.json) env.out(JSON.stringify({ models }, null, 2));
      else for (const m of models) printInspection(env, m, models.length > 1);
    });
}

/** The `inspect` command plugin. */
export const inspectCommand = definePlugin({
  kind: 'command',
  name: 'inspect',
  description:
    'rankbias inspect <model|run|sweep dir>: effective rank, stable rank, nuclear/Frobenius ratio, top singular values and collapse per layer',
  options: z.strictObject({}),
  create: () => ({ register: registerInspectCommand }),
});
