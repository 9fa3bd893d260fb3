/**
 * Every shipped experiment of seeds 2, 3 and 5 (examples/*.yaml) runs at a
 * tiny size through core's runTraining, and its metrics come out present and
 * finite; every sweep file expands against the registry.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  applyOverrides,
  createPluginContainer,
  PluginRegistry,
  readConfigFile,
  resolveConfig,
  runTraining,
} from '@rankbias/core';
import { register as registerCifar } from '@rankbias/data-cifar';
import { register as registerEval, expandSweep } from '@rankbias/eval';
import { beforeAll, describe, expect, it } from 'vitest';
import { register as registerSynthetic } from '@rankbias/data-synthetic';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function container() {
  const c = createPluginContainer({ onOverwrite: () => {} });
  registerSynthetic(c);
  registerCifar(c);
  registerEval(c);
  return c;
}

/** A folder with four tiny Fashion-MNIST-style IDX files (3 images per class). */
function tinyIdxDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-exp-'));
  const idx = (dims: number[], data: Uint8Array) => {
    const head = Buffer.alloc(4 + 4 * dims.length);
    head[2] = 8;
    head[3] = dims.length;
    dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
    return gzipSync(Buffer.concat([head, data]));
  };
  for (const [prefix, n] of [
    ['train', 30],
    ['t10k', 20],
  ] as const) {
    const px = Uint8Array.from({ length: n * 784 }, (_, i) => (i * 31 + n) & 0xff);
    writeFileSync(join(dir, `${prefix}-images-idx3-ubyte.gz`), idx([n, 28, 28], px));
    writeFileSync(
      join(dir, `${prefix}-labels-idx1-ubyte.gz`),
      idx(
        [n],
        Uint8Array.from({ length: n }, (_, i) => i % 10),
      ),
    );
  }
  return dir;
}

const tiny: Record<string, { overrides: string[]; keys: string[] }> = {
  'leaky-relu-rank.yaml': {
    overrides: ['data.n=8', 'data.nTest=16', 'data.dim=64', 'model.width=8', 'train.steps=3', 'train.evalEvery=1'],
    keys: ['stable-rank/hidden/kernel', 'train/loss', 'test/loss', 'test/accuracy'],
  },
  'optimization-threshold.yaml': {
    overrides: [
      'data.n=10',
      'data.nTest=20',
      'model.width=16',
      'train.steps=3',
      'train.evalEvery=1',
      'metrics[0].every=1',
    ],
    keys: ['train/loss', 'test/loss', 'align/directions', 'align/pairwise-abs-mean'],
  },
  'stochastic-collapse.yaml': {
    overrides: ['data.n=10', 'data.nTest=10', 'model.hidden=[4]', 'train.steps=3', 'train.evalEvery=1'],
    keys: ['collapse/hidden_0/vanished', 'collapse/hidden_0/duplicates', 'collapse/independent', 'test/loss'],
  },
  'stochastic-collapse-fashion.yaml': {
    overrides: [
      'data.perClass=2',
      'data.testPerClass=1',
      'model.hidden=[4, 4]',
      'train.steps=3',
      'train.batchSize=4',
      'train.evalEvery=1',
      'data.labelNoise=0.2',
    ],
    keys: ['collapse/hidden_0/vanished', 'collapse/hidden_1/independent', 'collapse/independent', 'test/accuracy'],
  },
  'stochastic-collapse-two-neuron.yaml': {
    overrides: ['data.n=10', 'data.nTest=10', 'train.steps=3', 'train.evalEvery=1', 'data.labelNoise=1'],
    keys: ['collapse/hidden_0/duplicates', 'collapse/hidden_0/independent', 'train/loss', 'test/loss'],
  },
  'stochastic-collapse-linear.yaml': {
    overrides: ['data.n=10', 'data.nTest=20', 'train.steps=3', 'train.evalEvery=1', 'data.labelNoise=1'],
    keys: ['sv/end-to-end/0', 'erank/end-to-end', 'nuc-fro/end-to-end', 'train/loss', 'test/loss'],
  },
};

describe('shipped experiment configs at tiny size', () => {
  for (const [file, { overrides, keys }] of Object.entries(tiny)) {
    it(`${file}: trains and reports finite ${keys.join(', ')}`, async () => {
      const c = container();
      const extra = file === 'stochastic-collapse-fashion.yaml' ? [`data.dir=${tinyIdxDir()}`] : [];
      const raw = applyOverrides(readConfigFile(join(examples, file)), [...overrides, ...extra, 'loggers=[]']);
      const config = resolveConfig(raw, new PluginRegistry(c), file);
      const before = tf.memory().numTensors;
      const result = await runTraining(config, { container: c, backend: 'cpu', loggers: [] });
      expect(result.status).toBe('completed');
      expect(result.steps).toBe(3);
      for (const key of keys) {
        expect(result.final, key).toHaveProperty([key]);
        expect(Number.isFinite(result.final[key]), `${key} = ${result.final[key]}`).toBe(true);
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it.each([
    ['leaky-relu-rank.sweep.yaml', 6],
    ['optimization-threshold.sweep.yaml', 7],
    ['optimization-threshold-long.sweep.yaml', 6],
    ['stochastic-collapse.sweep.yaml', 14],
    ['stochastic-collapse-fashion.sweep.yaml', 14],
    ['stochastic-collapse-two-neuron.sweep.yaml', 16],
    ['stochastic-collapse-linear.sweep.yaml', 10],
  ])('%s expands to %i valid runs', (file, runs) => {
    const sweep = expandSweep(join(examples, file), new PluginRegistry(container()));
    expect(sweep.runs.length).toBe(runs);
  });
});
