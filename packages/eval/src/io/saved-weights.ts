import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  CliUsageError,
  loadLayersModelFromDir,
  MODEL_JSON,
  readModelArtifacts,
  WEIGHTS_ONLY_FORMAT,
} from '@rankbias/core';

/** One saved weight: its layer, its name and its values (owned by the caller). */
export interface SavedWeight {
  readonly layer: string;
  readonly name: string;
  readonly tensor: tf.Tensor;
}

/** One line, whatever the library error looked like. */
function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
}

/** A saved model's weights and whether it was a tfjs-layers model (whose kernels are layers of neurons). */
export interface SavedWeights {
  readonly layersModel: boolean;
  readonly weights: SavedWeight[];
}

/**
 * Every weight of the model saved in `dir`, in layer order: a tfjs-layers
 * `model.json` (layer by layer) or a weights-only one (format
 * `rankbias-weights`, the layer being the name up to its last `/`).
 * Unreadable or malformed files give a one-line `CliUsageError`.
 */
export async function readSavedWeights(dir: string): Promise<SavedWeights> {
  let json: { format?: unknown; modelTopology?: unknown };
  try {
    json = JSON.parse(readFileSync(join(dir, MODEL_JSON), 'utf8')) as typeof json;
  } catch (e) {
    throw new CliUsageError(
      `cannot read ${join(dir, MODEL_JSON)}: ${oneLine(e)} (expected a model saved by rankbias train)`,
    );
  }
  try {
    if (json.format === WEIGHTS_ONLY_FORMAT || !json.modelTopology) {
      const artifacts = await readModelArtifacts(dir);
      const named = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs ?? []);
      const weights = Object.entries(named).map(([name, tensor]) => ({
        layer: name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : name,
        name,
        tensor,
      }));
      return { layersModel: false, weights };
    }
    const model = await loadLayersModelFromDir(dir);
    try {
      const weights = model.layers.flatMap((layer) =>
        layer.weights.map((w) => ({ layer: layer.name, name: w.originalName ?? w.name, tensor: tf.clone(w.read()) })),
      );
      return { layersModel: true, weights };
    } finally {
      model.dispose();
    }
  } catch (e) {
    throw new CliUsageError(
      `cannot load the model in ${dir}: ${oneLine(e)} (is ${MODEL_JSON} complete, with its weights file next to it?)`,
    );
  }
}
