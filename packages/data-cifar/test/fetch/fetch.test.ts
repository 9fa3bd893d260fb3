import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CIFAR10_FORMAT } from '../../src/cifar/format.js';
import { locateCifar } from '../../src/cifar/locate.js';
import { findIdxFiles, STANDARD_IDX_NAMES, type IdxFiles } from '../../src/idx/load-idx.js';
import { FASHION_MNIST_SOURCE, idxSearchDirs, type IdxSource } from '../../src/idx/sources.js';
import { DataFileError } from '../../src/store/data-file-error.js';
import { DownloadError } from '../../src/store/download.js';
import { idxBytes, tempDir } from '../support/fixtures.js';
import { fetchCifar } from '../../src/fetch/fetch-cifar.js';
import { fetchDataset } from '../../src/fetch/fetch-dataset.js';
import { fetchIdx } from '../../src/fetch/fetch-idx.js';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const keys = Object.keys(STANDARD_IDX_NAMES) as (keyof IdxFiles)[];
const quiet = { log: () => {} };

/** Four small IDX files and a source whose official checksums are theirs (plain content and gzip). */
function fixture() {
  const plain = Object.fromEntries(
    keys.map((k, i) => [
      k,
      k.endsWith('Images')
        ? idxBytes([2, 2, 2], Uint8Array.from([i, 1, 2, 3, 4, 5, 6, 7]))
        : idxBytes([2], Uint8Array.from([i % 10, 1])),
    ]),
  ) as Record<keyof IdxFiles, Uint8Array>;
  const officialGz = Object.fromEntries(keys.map((k) => [k, gzipSync(plain[k], { level: 9 })])) as Record<
    keyof IdxFiles,
    Buffer
  >;
  const source: IdxSource = {
    ...FASHION_MNIST_SOURCE,
    baseUrl: 'https://official.example/fmnist/',
    checksums: Object.fromEntries(
      keys.map((k) => [k, { gzMd5: md5(officialGz[k]), md5: md5(plain[k]) }]),
    ) as IdxSource['checksums'],
    systemDirs: [],
  };
  return { plain, officialGz, source };
}

/** What is left in a data directory (hidden staging folders included). */
const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

describe('data fetch for IDX datasets', () => {
  it('copies a folder of re-compressed files (as Debian ships them), verified by content, where the loader finds them', async () => {
    const { plain, source } = fixture();
    const from = tempDir();
    // level 1 gives other .gz bytes than the official files: only the content md5 can verify them
    for (const k of keys) writeFileSync(join(from, `${STANDARD_IDX_NAMES[k]}.gz`), gzipSync(plain[k], { level: 1 }));
    const dataDir = join(tempDir(), 'cache');
    // a stale plain copy from earlier would win over the new .gz in the loader's lookup: it must go
    mkdirSync(join(dataDir, 'fashion-mnist'), { recursive: true });
    writeFileSync(join(dataDir, 'fashion-mnist', STANDARD_IDX_NAMES.trainImages), 'stale');
    const written = await fetchIdx(source, { kind: 'folder', path: from }, { dataDir, ...quiet });
    expect(written.sort()).toEqual(
      keys.map((k) => join(dataDir, 'fashion-mnist', `${STANDARD_IDX_NAMES[k]}.gz`)).sort(),
    );
    expect(listing(dataDir)).toEqual(['fashion-mnist']); // no staging folder left
    expect(listing(join(dataDir, 'fashion-mnist')).sort()).toEqual(
      keys.map((k) => `${STANDARD_IDX_NAMES[k]}.gz`).sort(),
    );
    const found = findIdxFiles(idxSearchDirs(source, dataDir), 'fix');
    expect(readFileSync(found.trainImages)).toEqual(readFileSync(join(from, `${STANDARD_IDX_NAMES.trainImages}.gz`)));
  });

  it('refuses a corrupt file and leaves nothing in the cache, not even the files that verified', async () => {
    const { plain, source } = fixture();
    const from = tempDir();
    for (const k of keys) writeFileSync(join(from, STANDARD_IDX_NAMES[k]), plain[k]);
    const bad = Uint8Array.from(plain.testImages);
    bad[bad.length - 1] ^= 0xff;
    writeFileSync(join(from, STANDARD_IDX_NAMES.testImages), bad);
    const dataDir = join(tempDir(), 'cache');
    const err = await fetchIdx(source, { kind: 'folder', path: from }, { dataDir, ...quiet }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as Error).message).toContain(
      `content has md5 ${md5(bad)}, expected ${source.checksums.testImages.md5}`,
    );
    expect((err as Error).message).toMatch(/refused, nothing was written/);
    expect((err as Error).message.split('\n')).toHaveLength(1);
    expect(listing(dataDir)).toEqual([]);
  });

  it('downloads the official .gz files (md5 of the served bytes) and refuses a tampered download', async () => {
    const { officialGz, source } = fixture();
    const requested: string[] = [];
    const serve = (tamper?: string): typeof fetch =>
      (async (url: string) => {
        requested.push(url);
        const k = keys.find((key) => url.endsWith(`${STANDARD_IDX_NAMES[key]}.gz`))!;
        const body = url.includes(tamper ?? '\0') ? gzipSync(Buffer.from('not mnist')) : officialGz[k];
        return new Response(new Uint8Array(body));
      }) as typeof fetch;
    const dataDir = join(tempDir(), 'cache');
    await fetchIdx(source, undefined, { dataDir, fetchImpl: serve(), ...quiet });
    expect(requested).toEqual(keys.map((k) => `https://official.example/fmnist/${STANDARD_IDX_NAMES[k]}.gz`));
    expect(findIdxFiles([join(dataDir, 'fashion-mnist')], 'fix').testLabels).toBe(
      join(dataDir, 'fashion-mnist', `${STANDARD_IDX_NAMES.testLabels}.gz`),
    );

    const other = join(tempDir(), 'cache');
    await expect(
      fetchIdx(
        source,
        { kind: 'url', url: 'https://mirror.example/m' },
        { dataDir: other, fetchImpl: serve('t10k-labels'), ...quiet },
      ),
    ).rejects.toThrow(/t10k-labels-idx1-ubyte\.gz downloaded with md5 \w+, expected \w+; the file was discarded/);
    expect(requested.at(-1)).toBe('https://mirror.example/m/t10k-labels-idx1-ubyte.gz');
    expect(listing(other)).toEqual([]);
  });

  it('offline: one line naming the manual step, nothing in the cache', async () => {
    const offline = (async () => {
      throw new TypeError('fetch failed', {
        cause: new Error('getaddrinfo ENOTFOUND ossci-datasets.s3.amazonaws.com'),
      });
    }) as typeof fetch;
    const dataDir = join(tempDir(), 'cache');
    const err = await fetchDataset({ dataset: 'mnist', cwd: '/', dataDir, fetchImpl: offline, ...quiet }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DownloadError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('the network looks unreachable');
    expect(message).toContain(
      'Download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz from https://ossci-datasets.s3.amazonaws.com/mnist/',
    );
    expect(message).toContain('npx rankbias data fetch mnist --from FOLDER');
    expect(listing(dataDir)).toEqual([]);
  });

  it("verifies the real Fashion-MNIST files of Debian's dataset-fashion-mnist against the official checksums", async () => {
    const dataDir = join(tempDir(), 'cache');
    const written = await fetchDataset({
      dataset: 'fashion-mnist',
      from: FASHION_MNIST_SOURCE.systemDirs[0],
      cwd: '/',
      dataDir,
      ...quiet,
    });
    expect(written).toHaveLength(4);
    for (const file of written) expect(file.startsWith(join(dataDir, 'fashion-mnist'))).toBe(true);
  }, 60_000);
});

describe('data fetch for CIFAR', () => {
  const archive = Buffer.from('stands in for cifar-10-binary.tar.gz');
  const format = { ...CIFAR10_FORMAT, md5: md5(archive) };

  it('copies a verified archive from a folder into the data directory, where locateCifar finds it', async () => {
    const from = tempDir();
    writeFileSync(join(from, format.archive), archive);
    const dataDir = join(tempDir(), 'cache');
    expect(await fetchCifar(format, { kind: 'folder', path: from }, { dataDir, ...quiet })).toEqual([
      join(dataDir, format.archive),
    ]);
    expect(await locateCifar(format, { download: false, dataDir })).toBe(join(dataDir, format.archive));
  });

  it('refuses an archive with the wrong md5 and leaves nothing behind', async () => {
    const file = join(tempDir(), 'copy.tar.gz');
    writeFileSync(file, Buffer.from('truncated'));
    const dataDir = join(tempDir(), 'cache');
    await expect(fetchCifar(format, { kind: 'file', path: file }, { dataDir, ...quiet })).rejects.toThrow(
      new RegExp(`has md5 ${md5(Buffer.from('truncated'))}, expected ${format.md5} .*refused`),
    );
    expect(listing(dataDir)).toEqual([]);
  });
});
