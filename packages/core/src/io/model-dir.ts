import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeFileDurable } from './fs-sync.js';
import { ensureDir } from './ensure-dir.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/**
 * Saves a tfjs-layers model to `dir` as `model.json` + `weights.bin`, the
 * layout `tf.loadLayersModel('file://…/model.json')` reads with tfjs-node.
 * Works without tfjs-node (through `tf.io.withSaveHandler`).
 */
export async function saveModelToDir(model: tfl.LayersModel, dir: string): Promise<tf.io.SaveResult> {
  ensureDir(dir);
  return model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      writeFileDurable(join(dir, WEIGHTS_BIN), new Uint8Array(weights));
      writeFileDurable(join(dir, MODEL_JSON), JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weights.byteLength,
        },
      };
    }),
  );
}

/** `format` of a weights-only `model.json` (a model that is not a tfjs-layers model). */
export const WEIGHTS_ONLY_FORMAT = 'rankbias-weights';

/**
 * Saves named tensors to `dir` as a weights-only `model.json` (format
 * `rankbias-weights`, no topology) + `weights.bin`, in the tfjs weights
 * manifest layout, for models that are not tfjs-layers models: enough to
 * inspect their spectra.
 */
export async function saveWeightsToDir(
  weights: readonly { name: string; tensor: tf.Tensor }[],
  dir: string,
): Promise<void> {
  ensureDir(dir);
  const named: tf.NamedTensorMap = {};
  for (const w of weights) named[w.name] = w.tensor;
  const { data, specs } = await tf.io.encodeWeights(named);
  const modelJson = {
    format: WEIGHTS_ONLY_FORMAT,
    generatedBy: '@rankbias/core',
    weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: specs }],
  };
  writeFileDurable(join(dir, WEIGHTS_BIN), new Uint8Array(data as ArrayBuffer));
  writeFileDurable(join(dir, MODEL_JSON), JSON.stringify(modelJson));
}

/** Reads `model.json` and its weight files from `dir` as tfjs model artifacts. */
export async function readModelArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(readFileSync(join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
  } catch (e) {
    throw new Error(
      `cannot read a saved model from ${dir}: ${(e as Error).message} (expected ${MODEL_JSON} + ${WEIGHTS_BIN} written by saveModelToDir)`,
    );
  }
  return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: ArrayBuffer[] = [];
    for (const group of manifest) {
      specs.push(...group.weights);
      for (const path of group.paths) {
        const bytes = readFileSync(join(dir, path));
        buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      }
    }
    return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
  });
}

/**
 * Loads a tfjs-layers model saved by `saveModelToDir` (or any tfjs
 * `model.json` + weight files). Custom layer classes must be registered
 * with `serialization.registerClass` before loading.
 */
export async function loadLayersModelFromDir(dir: string): Promise<tfl.LayersModel> {
  const artifacts = await readModelArtifacts(dir);
  return tfl.loadLayersModel({ load: async () => artifacts });
}
