import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container } from 'tsyringe';
import { createRng, PluginRegistry, type Dataset, type PluginContext } from '@rankbias/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIFAR10_FORMAT, recordBytes } from '../src/cifar/format.js';
import { locateCifar } from '../src/cifar/locate.js';
import { register } from '../src/register.js';
import { idxBytes, tempDir } from './support/fixtures.js';
import { STANDARD_IDX_NAMES } from '../src/idx/load-idx.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function setup() {
  const child = container.createChildContainer();
  register(child);
  const registry = new PluginRegistry(child);
  const ctx: PluginContext = { container: child, rng: createRng(11), seed: 11, backend: 'cpu' };
  return { registry, ctx };
}

function writeIdxDir(train: number, test: number): string {
  const dir = tempDir();
  const px = (n: number) => Uint8Array.from({ length: n * 28 * 28 }, (_, i) => (i * 13) & 0xff);
  const lab = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 10);
  writeFileSync(join(dir, `${STANDARD_IDX_NAMES.trainImages}.gz`), gzipSync(idxBytes([train, 28, 28], px(train))));
  writeFileSync(join(dir, `${STANDARD_IDX_NAMES.trainLabels}.gz`), gzipSync(idxBytes([train], lab(train))));
  writeFileSync(join(dir, STANDARD_IDX_NAMES.testImages), idxBytes([test, 28, 28], px(test)));
  writeFileSync(join(dir, STANDARD_IDX_NAMES.testLabels), idxBytes([test], lab(test)));
  return dir;
}

describe('register', () => {
  it('registers the five datasets with descriptions and this package name', () => {
    const { registry } = setup();
    expect(registry.names('dataset')).toEqual(['cifar10', 'cifar100', 'fashion-mnist', 'idx', 'mnist']);
    for (const f of registry.list({ kind: 'dataset' })) {
      expect(f.package).toBe('@rankbias/data-cifar');
      expect(f.description.length).toBeGreaterThan(20);
    }
  });
});

describe('fashion-mnist / idx plugins', () => {
  it('loads a folder of IDX files as a normalised classification dataset', async () => {
    const { registry, ctx } = setup();
    const dir = writeIdxDir(60, 20);
    const ds = (await registry.create(
      'dataset',
      'fashion-mnist',
      { dir, validation: 10, perClass: 3 },
      ctx,
    )) as Dataset;
    expect(ds.task).toBe('classification');
    expect(ds.inputShape).toEqual([28, 28, 1]);
    expect(ds.outputSize).toBe(10);
    expect(ds.classNames?.[9]).toBe('Ankle boot');
    expect([ds.size('train'), ds.size('validation'), ds.size('test')]).toEqual([30, 10, 20]);
    const { x, y } = ds.batch(
      'train',
      Int32Array.from({ length: 30 }, (_, i) => i),
    );
    const mean = tf.mean(x).dataSync()[0]!;
    expect(Math.abs(mean)).toBeLessThan(1e-4);
    const counts = new Array(10).fill(0);
    for (const label of y.dataSync()) counts[label]++;
    expect(counts).toEqual(new Array(10).fill(3));
    tf.dispose([x, y]);
  });

  it('idx takes explicit paths and flatten gives vectors', async () => {
    const { registry, ctx } = setup();
    const dir = writeIdxDir(12, 6);
    const p = (name: string) => join(dir, name);
    const ds = (await registry.create(
      'dataset',
      'idx',
      {
        trainImages: p(`${STANDARD_IDX_NAMES.trainImages}.gz`),
        trainLabels: p(`${STANDARD_IDX_NAMES.trainLabels}.gz`),
        testImages: p(STANDARD_IDX_NAMES.testImages),
        testLabels: p(STANDARD_IDX_NAMES.testLabels),
        normalize: 'none',
        flatten: true,
      },
      ctx,
    )) as Dataset;
    expect(ds.inputShape).toEqual([784]);
    const { x, y } = ds.batch('test', Int32Array.from([2]));
    const xs = x.dataSync();
    for (const i of [0, 1, 100, 783]) expect(xs[i]! * 255).toBeCloseTo(((2 * 784 + i) * 13) & 0xff, 3);
    expect(y.dataSync()[0]).toBe(2);
    tf.dispose([x, y]);
  });

  it('explains where fashion-mnist is looked for when it is missing', async () => {
    const { registry, ctx } = setup();
    await expect(registry.create('dataset', 'fashion-mnist', { dir: tempDir() }, ctx)).rejects.toThrow(
      /npx rankbias data fetch fashion-mnist.*apt-get install dataset-fashion-mnist/,
    );
  });
});

describe('cifar10 plugin', () => {
  it('loads a full-size distribution (sparse files) through the registry', async () => {
    const { registry, ctx } = setup();
    const dir = tempDir();
    const rec = recordBytes(CIFAR10_FORMAT);
    CIFAR10_FORMAT.files.forEach((f, fi) => {
      const fd = openSync(join(dir, f.name), 'w');
      // first record: label fi+1, pixels all = 10*fi+1; the rest stays zero (label 0, black).
      const first = new Uint8Array(rec).fill(10 * fi + 1);
      first[0] = fi + 1;
      writeSync(fd, first, 0, rec, 0);
      writeSync(fd, new Uint8Array(1), 0, 1, f.records * rec - 1);
      closeSync(fd);
    });
    const ds = (await registry.create('dataset', 'cifar10', { path: dir, normalize: 'none' }, ctx)) as Dataset;
    expect([ds.size('train'), ds.size('test')]).toEqual([50000, 10000]);
    expect(ds.inputShape).toEqual([32, 32, 3]);
    expect(ds.classNames?.[0]).toBe('airplane');
    const { x, y } = ds.batch('train', Int32Array.from([0, 10000, 40000, 1]));
    expect(Array.from(y.dataSync())).toEqual([1, 2, 5, 0]);
    const xs = x.dataSync();
    expect(xs[0]! * 255).toBeCloseTo(1, 4);
    expect(xs[3072 + 5]! * 255).toBeCloseTo(11, 4);
    expect(xs[2 * 3072 + 3071]! * 255).toBeCloseTo(41, 4);
    expect(xs[3 * 3072]).toBe(0);
    tf.dispose([x, y]);
  });

  it('offline: names the data folder and the manual download step', async () => {
    const { registry, ctx } = setup();
    const dataDir = tempDir();
    const err = await registry.create('dataset', 'cifar10', { dataDir }, ctx).catch((e: Error) => e);
    expect(String(err)).toContain(`${dataDir}: holds neither cifar-10-batches-bin/ nor cifar-10-binary.tar.gz`);
    expect(String(err)).toContain(
      'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (md5 c32a1d4ab5d03f1284b67883e8d87530)',
    );
    expect(String(err)).toContain('Run "npx rankbias data fetch cifar10"');
    const offline = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo EAI_AGAIN www.cs.toronto.edu') });
    }) as typeof fetch;
    await expect(locateCifar(CIFAR10_FORMAT, { download: true, dataDir, fetchImpl: offline })).rejects.toThrow(
      /network looks unreachable\. Run "npx rankbias data fetch cifar10" .*download https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar-10-binary\.tar\.gz .*curl -o/,
    );
  });

  it('rejects unknown options and bad values with the option name', () => {
    const { registry } = setup();
    const schema = registry.get('dataset', 'cifar100').options;
    expect(schema.safeParse({ labels: 'medium' }).success).toBe(false);
    expect(schema.safeParse({ labelNoise: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ augmentt: true }).success).toBe(false);
    const parsed = schema.parse({}) as { labels: string; cropPadding: number; flip: boolean; normalize: string };
    expect([parsed.labels, parsed.cropPadding, parsed.flip, parsed.normalize]).toEqual(['fine', 4, true, 'train']);
  });
});
