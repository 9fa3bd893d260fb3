import { once } from 'node:events';
import { createWriteStream, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/store/data-file-error.js';
import { idxBytes, tempDir } from '../support/fixtures.js';
import { findIdxFiles, loadIdxPair, STANDARD_IDX_NAMES } from '../../src/idx/load-idx.js';
import { parseIdx } from '../../src/idx/parse-idx.js';
import { readMaybeGzip } from '../../src/idx/read-file.js';

const FIX = 'fix it';

function images(n: number, h: number, w: number): Uint8Array {
  return Uint8Array.from({ length: n * h * w }, (_, i) => (i * 37 + 11) & 0xff);
}

describe('parseIdx', () => {
  it('reads dimensions and data without copying', () => {
    const bytes = idxBytes([2, 3, 4], images(2, 3, 4));
    const arr = parseIdx(bytes, 'f', 3, FIX);
    expect(arr.dims).toEqual([2, 3, 4]);
    expect(Array.from(arr.data)).toEqual(Array.from(images(2, 3, 4)));
    expect(arr.data.buffer).toBe(bytes.buffer);
  });

  it.each([
    ['a non-IDX magic', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), 3, /starts with 0x504b0304, not an IDX magic/],
    ['a non-byte type', Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 0]), 1, /type 0xd \(float\)/],
    [
      'labels given as images',
      idxBytes([3], new Uint8Array(3)),
      3,
      /magic 0x00000801 .* expected 0x00000803 \(images\); images and labels swapped/,
    ],
    ['a header cut short', Uint8Array.from([0, 0, 8, 3, 0, 0]), 3, /truncated inside its header/],
    [
      'missing data',
      idxBytes([2, 3, 4], images(2, 3, 4)).subarray(0, 30),
      3,
      /is truncated: dimensions \[2, 3, 4\] need 24 data bytes .* found 14/,
    ],
    ['trailing data', Uint8Array.from([...idxBytes([2], Uint8Array.from([1, 2])), 9]), 1, /has trailing bytes/],
    ['too few bytes', Uint8Array.from([0, 0]), 1, /too short for an IDX header/],
  ])('rejects %s with a named error', (_what, bytes, rank, message) => {
    let err: unknown;
    try {
      parseIdx(bytes, 'some.idx', rank, FIX);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as DataFileError).message).toMatch(/^some\.idx: /);
    expect((err as DataFileError).message).toMatch(message);
    expect((err as DataFileError).message).toMatch(/fix it$/);
  });
});

describe('loadIdxPair / findIdxFiles', () => {
  it('round-trips plain and gzip files into a store', async () => {
    const dir = tempDir();
    const px = images(5, 4, 3);
    const lab = Uint8Array.from([0, 3, 9, 1, 2]);
    writeFileSync(join(dir, 'img'), idxBytes([5, 4, 3], px));
    writeFileSync(join(dir, 'lab.gz'), gzipSync(idxBytes([5], lab)));
    const store = await loadIdxPair(join(dir, 'img'), join(dir, 'lab.gz'), 10, FIX);
    expect([store.count, store.height, store.width, store.channels]).toEqual([5, 4, 3, 1]);
    expect(Array.from(store.pixels)).toEqual(Array.from(px));
    expect(Array.from(store.labels)).toEqual(Array.from(lab));
  });

  it('rejects mismatched counts, labels out of range, damaged gzip and missing files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'img'), idxBytes([5, 2, 2], images(5, 2, 2)));
    writeFileSync(join(dir, 'lab4'), idxBytes([4], new Uint8Array(4)));
    writeFileSync(join(dir, 'lab-bad'), idxBytes([5], Uint8Array.from([0, 1, 12, 0, 0])));
    writeFileSync(join(dir, 'bad.gz'), Buffer.concat([gzipSync(idxBytes([5], new Uint8Array(5))).subarray(0, 15)]));
    await expect(loadIdxPair(join(dir, 'img'), join(dir, 'lab4'), 10, FIX)).rejects.toThrow(
      /lab4: holds 4 labels but .*img holds 5 images/,
    );
    await expect(loadIdxPair(join(dir, 'img'), join(dir, 'lab-bad'), 10, FIX)).rejects.toThrow(
      /lab-bad: label 2 is 12, outside 0\.\.9/,
    );
    await expect(loadIdxPair(join(dir, 'img'), join(dir, 'bad.gz'), 10, FIX)).rejects.toThrow(
      /bad\.gz: is a damaged gzip file/,
    );
    await expect(loadIdxPair(join(dir, 'nope'), join(dir, 'lab4'), 10, FIX)).rejects.toThrow(
      /nope: does not exist\. fix it/,
    );
  });

  it('finds the four standard names, plain or .gz, in the first folder that has them all', () => {
    const empty = tempDir();
    const dir = tempDir();
    const names = Object.values(STANDARD_IDX_NAMES);
    writeFileSync(join(dir, names[0]!), 'x');
    writeFileSync(join(dir, `${names[1]!}.gz`), 'x');
    writeFileSync(join(dir, names[2]!), 'x');
    expect(() => findIdxFiles([empty, dir], FIX)).toThrow(/none of these folders holds all of train-images-idx3-ubyte/);
    writeFileSync(join(dir, `${names[3]!}.gz`), 'x');
    const found = findIdxFiles([empty, dir], FIX);
    expect(found.trainLabels).toBe(join(dir, 'train-labels-idx1-ubyte.gz'));
    expect(found.testImages).toBe(join(dir, 't10k-images-idx3-ubyte'));
  });
});

describe('gzip bombs', () => {
  it('inflation stops at the size the IDX header declares: a small bomb is refused quickly with bounded memory', async () => {
    const dir = tempDir();
    const bomb = join(dir, 'bomb-images-idx3-ubyte.gz');
    // header: 10 images of 28×28 (7840 data bytes), then 256 MiB of zeros, streamed through gzip
    const gzip = createGzip({ level: 9 });
    const done = pipeline(gzip, createWriteStream(bomb));
    gzip.write(idxBytes([10, 28, 28], new Uint8Array(0)));
    const zeros = Buffer.alloc(1 << 20);
    for (let i = 0; i < 256; i++) if (!gzip.write(zeros)) await once(gzip, 'drain');
    gzip.end();
    await done;
    expect(statSync(bomb).size).toBeLessThan(1 << 20);

    global.gc?.();
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 1);
    const error = await readMaybeGzip(bomb, FIX).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    expect(error).toBeInstanceOf(DataFileError);
    expect(error!.message).toMatch(
      /bomb-images-idx3-ubyte\.gz: inflates to more than its header declares \(7856 bytes\); refusing it/,
    );
    expect(peak - before).toBeLessThan(16 << 20);
  });

  it('a header declaring more than the limit is refused before inflating the data', async () => {
    const dir = tempDir();
    const huge = join(dir, 'huge.gz');
    writeFileSync(huge, gzipSync(idxBytes([60000, 1000, 1000], new Uint8Array(16))));
    await expect(readMaybeGzip(huge, FIX)).rejects.toThrow(
      /huge\.gz: declares 60000000016 bytes, over the limit of 1073741824/,
    );
  });
});
