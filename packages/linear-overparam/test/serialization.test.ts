import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayersModelFromDir, saveModelToDir } from '@rankbias/core';
import { collapse, overparameterize } from '../src/index.js';
import { relativeError, useCpu } from './support.js';

beforeAll(useCpu);

const here = dirname(fileURLToPath(import.meta.url));

function smallCnn(): tfl.Sequential {
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [6, 6, 1], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 4, activation: 'softmax' }),
    ],
  });
}

/** Saves through an in-memory handler and loads back. */
async function memoryRoundTrip(model: tfl.LayersModel): Promise<{ loaded: tfl.LayersModel; topology: string }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
  return { loaded, topology: JSON.stringify(saved!.modelTopology) };
}

describe('serialization', () => {
  it('expanded models round-trip through tfjs serialization (rankbias class names, same outputs, same mode)', async () => {
    const expanded = overparameterize(smallCnn(), {
      depth: 3,
      expansion: 2,
      kernelSizes: [1, 3, 1],
      batchNorm: true,
      mode: 'chain',
    });
    const { loaded, topology } = await memoryRoundTrip(expanded);
    expect(topology).toContain('rankbias.ExpandedConv2D');
    expect(topology).toContain('rankbias.ExpandedDense');
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(expanded.layers.map((l) => l.getClassName()));
    expect(loaded.getLayer(expanded.layers[0]!.name).getConfig()).toMatchObject({
      kernelSizes: [1, 3, 1],
      innerWidths: [6, 6],
      mode: 'chain',
      batchNorm: true,
    });
    const x = tf.randomNormal([2, 6, 6, 1], 0, 1, 'float32', 1);
    expect(relativeError(loaded.predict(x) as tf.Tensor, expanded.predict(x) as tf.Tensor)).toBe(0);
  });

  it('a collapsed model saved to disk holds only built-in classes and loads in a process without rankbias', async () => {
    const base = smallCnn();
    const collapsed = collapse(overparameterize(base, { depth: 4, expansion: 2 }));
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-collapsed-'));
    await saveModelToDir(collapsed, dir);
    const json = readFileSync(join(dir, 'model.json'), 'utf8');
    expect(json).not.toMatch(/rankbias/);
    const classes = [...json.matchAll(/"class_name":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(classes)).toEqual(
      new Set(['Sequential', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'VarianceScaling', 'Zeros']),
    );

    const x = tf.randomNormal([2, 6, 6, 1], 0, 1, 'float32', 2);
    const inputPath = join(dir, 'input.json');
    writeFileSync(inputPath, JSON.stringify({ shape: x.shape, values: Array.from(x.dataSync()) }));
    const stdout = execFileSync(process.execPath, [join(here, 'fixtures', 'predict-plain.mjs'), dir, inputPath], {
      cwd: here,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const result = JSON.parse(stdout) as { params: number; values: number[] };
    expect(result.params).toBe(base.countParams());
    const expected = collapsed.predict(x) as tf.Tensor;
    expect(relativeError(tf.tensor(result.values, expected.shape), expected)).toBeLessThan(1e-6);

    const reloaded = await loadLayersModelFromDir(dir);
    expect(relativeError(reloaded.predict(x) as tf.Tensor, expected)).toBe(0);
  });
});
