import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createRng, loadLayersModelFromDir, withSeededMathRandom } from '@rankbias/core';
import { matrix, singularValues, spectralEntropy } from '@rankbias/eval';
import { collapse, overparameterize } from '../src/index.js';

export interface WeightRankRow {
  /** Run directory name, e.g. `cnn-lr0.01-d4-s2`. */
  run: string;
  /** Layer name -> spectral entropy H of its (collapsed) kernel as a matrix [k·k·in, out]. */
  entropy: Record<string, number>;
}

/**
 * Spectral entropy of every Dense/Conv2D kernel of the final plain model of
 * each run under `root` (`model-collapsed/` after expansion, `model/` for the
 * base): the weights' own rank, besides the embeddings'.
 */
export async function weightRanks(root: string): Promise<WeightRankRow[]> {
  const rows: WeightRankRow[] = [];
  for (const run of readdirSync(root).sort()) {
    const dir = existsSync(join(root, run, 'model-collapsed'))
      ? join(root, run, 'model-collapsed')
      : join(root, run, 'model');
    if (!existsSync(join(dir, 'model.json'))) continue;
    const model = await loadLayersModelFromDir(dir);
    const entropy: Record<string, number> = {};
    for (const layer of model.layers) {
      const cls = layer.getClassName();
      if (cls !== 'Dense' && cls !== 'Conv2D') continue;
      const kernel = layer.getWeights()[0]!;
      const out = kernel.shape[kernel.rank - 1]!;
      const rowsN = kernel.size / out;
      entropy[layer.name] = spectralEntropy(singularValues(matrix(rowsN, out, Float64Array.from(kernel.dataSync()))));
    }
    rows.push({ run, entropy });
    model.dispose();
  }
  tf.disposeVariables();
  return rows;
}

/** Kernel entropies of a freshly built (and, for depth > 1, expanded then collapsed) model: the rank before training. */
export function initialWeightRanks(build: () => tfl.LayersModel, depth: number, seed: number): Record<string, number> {
  const base = withSeededMathRandom(createRng(seed), build);
  const model =
    depth > 1 ? collapse(withSeededMathRandom(createRng(seed + 1000), () => overparameterize(base, { depth }))) : base;
  const entropy: Record<string, number> = {};
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    if (cls !== 'Dense' && cls !== 'Conv2D') continue;
    const kernel = layer.getWeights()[0]!;
    const out = kernel.shape[kernel.rank - 1]!;
    entropy[layer.name] = spectralEntropy(
      singularValues(matrix(kernel.size / out, out, Float64Array.from(kernel.dataSync()))),
    );
  }
  return entropy;
}
