import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** The directory holding a saved model, given its `model.json` or the directory itself. */
export function modelDirOf(path: string): string {
  if (!existsSync(path)) throw new Error(`no saved model at ${path} (give a model.json or the directory holding it)`);
  return statSync(path).isDirectory() ? path : dirname(path);
}

/**
 * Loads a tfjs-layers model saved as `model.json` + weight files (the tfjs
 * `file://` layout, as written by core's `saveModelToDir`) without
 * tfjs-node. Custom layers must be registered first (installed rankbias
 * plugins register theirs when loaded).
 */
export async function loadSavedModel(path: string): Promise<tfl.LayersModel> {
  const dir = modelDirOf(path);
  const jsonFile = statSync(path).isDirectory() ? join(path, 'model.json') : path;
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(readFileSync(jsonFile, 'utf8')) as tf.io.ModelJSON;
  } catch (e) {
    throw new Error(`cannot read ${jsonFile}: ${(e as Error).message} (expected a tfjs model.json)`);
  }
  if (!modelJson.modelTopology) throw new Error(`${jsonFile} has no modelTopology: not a tfjs-layers model.json`);
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: ArrayBuffer[] = [];
    for (const group of manifest) {
      specs.push(...group.weights);
      for (const p of group.paths) {
        const file = join(dir, p);
        if (!existsSync(file)) throw new Error(`${jsonFile} lists weight file ${p}, which is missing from ${dir}`);
        const bytes = readFileSync(file);
        buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      }
    }
    return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
  });
  return tfl.loadLayersModel({ load: async () => artifacts });
}
