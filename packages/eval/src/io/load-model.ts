import { existsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { CliUsageError, loadLayersModelFromDir, MODEL_JSON } from '@rankbias/core';

/** The directory holding a saved model, given its `model.json` or the directory itself. */
export function modelDirOf(path: string): string {
  if (!existsSync(path))
    throw new CliUsageError(`no saved model at ${path} (give a model.json or the directory holding it)`);
  if (statSync(path).isDirectory()) return path;
  if (basename(path) !== MODEL_JSON) {
    throw new CliUsageError(`cannot read ${path}: expected a tfjs ${MODEL_JSON} (or the directory holding it)`);
  }
  return dirname(path);
}

/**
 * Loads a tfjs-layers model saved as `model.json` + weight files (the tfjs
 * `file://` layout written by core's `saveModelToDir`) without tfjs-node.
 * Custom layers must be registered first (installed rankbias plugins
 * register theirs when the CLI loads them).
 */
export async function loadSavedModel(path: string): Promise<tfl.LayersModel> {
  return loadLayersModelFromDir(modelDirOf(path));
}
