import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isInputError } from '@rankbias/core';
import { watchPrototypes } from '@rankbias/core/testing';
import { CIFAR10_FORMAT, withRecordCounts } from '../src/cifar/format.js';
import { loadCifar } from '../src/cifar/load.js';
import { parseIdx } from '../src/idx/parse-idx.js';
import { readMaybeGzip } from '../src/idx/read-file.js';
import { extractTarGz } from '../src/store/extract-archive.js';
import { cifarFileBytes, idxBytes, tarGz, tempDir, type TarEntry } from './support/fixtures.js';

const SEED = 20261202;
const stats = { cases: 0, started: performance.now() };
afterAll(() =>
  console.log(`parser fuzz: ${stats.cases} cases in ${((performance.now() - stats.started) / 1000).toFixed(1)} s`),
);

/** Awaits `run`: it must resolve, or reject with a one-line InputError; prototypes stay untouched. */
async function resolvesOrRefuses(run: () => Promise<unknown> | unknown): Promise<boolean> {
  stats.cases++;
  const guard = watchPrototypes();
  let ok = true;
  try {
    await run();
  } catch (e) {
    if (!isInputError(e)) throw e;
    expect((e as Error).message).not.toContain('\n');
    ok = false;
  }
  expect(guard.changes()).toEqual([]);
  return ok;
}

/** IDX-like bytes: a valid file, then a few bytes overwritten or the end cut. */
const idxLike = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    fc.nat(60),
  )
  .map(([dims, edits, cut]) => {
    const size = dims.reduce((a, b) => a * b, 1);
    const bytes = idxBytes(
      dims,
      Uint8Array.from({ length: size }, (_, i) => i & 0xff),
    );
    for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v;
    return bytes.subarray(0, Math.max(0, bytes.length - (cut % 5 === 0 ? cut % bytes.length : 0)));
  });

describe('fuzz: IDX parser', () => {
  it('parseIdx and gzip IDX: a parsed array or a one-line refusal, bounded output', async () => {
    const dir = tempDir();
    const heapBefore = process.memoryUsage().heapUsed;
    await fc.assert(
      fc.asyncProperty(fc.oneof(idxLike, fc.uint8Array({ maxLength: 64 })), fc.boolean(), async (bytes, gzip) => {
        const file = join(dir, 'x-idx3-ubyte');
        writeFileSync(file, gzip ? gzipSync(bytes) : bytes);
        await resolvesOrRefuses(async () => {
          const raw = await readMaybeGzip(file, 'fix');
          expect(raw.length).toBeLessThanOrEqual(bytes.length + 1);
          parseIdx(raw, file, 3, 'fix');
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 << 20);
  });
});

const small = withRecordCounts(CIFAR10_FORMAT, () => 1);
const entryName = fc.oneof(
  fc.constantFrom(...small.files.map((f) => `${small.folder}/${f.name}`)),
  fc.constantFrom(
    `${small.folder}/`,
    './',
    `${small.folder}/../x.bin`,
    '/tmp/x.bin',
    '../../x.bin',
    'elsewhere/data_batch_1.bin',
    `./${small.folder}/test_batch.bin`,
    `${small.folder}/batches.meta.txt`,
  ),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const entry: fc.Arbitrary<TarEntry> = fc
  .tuple(
    entryName,
    fc.constantFrom('file', 'file', 'file', 'directory', 'symlink', 'link') as fc.Arbitrary<TarEntry['type']>,
    fc.nat(3),
  )
  .map(([name, type, size]) =>
    type === 'file'
      ? { name, data: size === 0 ? cifarFileBytes(small, 0) : new Uint8Array(size * 1000) }
      : type === 'directory'
        ? { name, type }
        : { name, type, linkname: size % 2 ? '/etc/passwd' : `${small.folder}/data_batch_1.bin` },
  );
const randomEntries = fc.array(entry, { minLength: 0, maxLength: 8 });

describe('fuzz: CIFAR archives', () => {
  it('read in place and extracted: loaded or refused with one line; nothing written outside the target, nothing partial left', async () => {
    await fc.assert(
      // about half the cases start from the complete official layout
      fc.asyncProperty(randomEntries, fc.boolean(), async (entries, official) => {
        const dir = tempDir();
        const all = official
          ? [
              ...small.files.map((f, i) => ({ name: `${small.folder}/${f.name}`, data: cifarFileBytes(small, i) })),
              ...entries,
            ]
          : entries;
        const path = join(dir, 'cifar-10-binary.tar.gz');
        writeFileSync(path, await tarGz(all));
        await resolvesOrRefuses(() => loadCifar({ path, format: small }));
        expect(readdirSync(dir)).toEqual(['cifar-10-binary.tar.gz']);
        const target = join(dir, 'out');
        const extracted = await resolvesOrRefuses(() => extractTarGz(path, target));
        expect(readdirSync(dir).sort()).toEqual(
          extracted && existsSync(target) ? ['cifar-10-binary.tar.gz', 'out'] : ['cifar-10-binary.tar.gz'],
        );
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
