import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/store/data-file-error.js';
import {
  cifarFileBytes,
  pixelByte,
  recordLabels,
  tarGz,
  tempDir,
  writeCifarArchive,
  writeCifarDirectory,
} from '../support/fixtures.js';
import { CIFAR100_FORMAT, CIFAR10_FORMAT, recordBytes, withRecordCounts } from '../../src/cifar/format.js';
import { loadCifar } from '../../src/cifar/load.js';

const small10 = withRecordCounts(CIFAR10_FORMAT, (f) => (f.split === 'train' ? 3 : 4));
const small100 = withRecordCounts(CIFAR100_FORMAT, (f) => (f.split === 'train' ? 6 : 2));

/** Every pixel and label of the store equals the bytes written. */
function expectRoundTrip(
  data: Awaited<ReturnType<typeof loadCifar>>,
  format: typeof small10,
  label: 'fine' | 'coarse' = 'fine',
) {
  let trainRecord = 0;
  let testRecord = 0;
  format.files.forEach((file, fi) => {
    for (let r = 0; r < file.records; r++) {
      const store = file.split === 'train' ? data.train : data.test;
      const at = file.split === 'train' ? trainRecord++ : testRecord++;
      const labels = recordLabels(format, fi, r);
      expect(store.labels[at]).toBe(label === 'coarse' ? labels[0] : labels[labels.length - 1]);
      for (const o of [0, 1, 31, 32, 1023, 1024, 2047, 2048, 3071]) {
        expect(store.pixels[at * 3072 + o]).toBe(pixelByte(fi, r, o));
      }
      const expected = Uint8Array.from({ length: 3072 }, (_, o) => pixelByte(fi, r, o));
      expect(store.pixels.subarray(at * 3072, (at + 1) * 3072)).toEqual(expected);
    }
  });
  expect(trainRecord).toBe(data.train.count);
  expect(testRecord).toBe(data.test.count);
}

describe('loadCifar', () => {
  it('reads a folder of CIFAR-10 batches exactly (labels, planar pixels)', async () => {
    const dir = writeCifarDirectory(small10, tempDir());
    const data = await loadCifar({ path: dir, format: small10 });
    expect(data.train.count).toBe(15);
    expect(data.test.count).toBe(4);
    expectRoundTrip(data, small10);
    expect(data.classNames).toEqual(Array.from({ length: 10 }, (_, i) => `class${i}`));
  });

  it('finds the batches inside the archive folder name (cifar-10-batches-bin/)', async () => {
    const root = tempDir();
    const dir = join(root, small10.folder);
    mkdirSync(dir);
    writeCifarDirectory(small10, dir);
    expectRoundTrip(await loadCifar({ path: root, format: small10 }), small10);
  });

  it('reads the .tar.gz in place, streaming, with the same result as the folder', async () => {
    const archive = await writeCifarArchive(small10, tempDir());
    expectRoundTrip(await loadCifar({ path: archive, format: small10 }), small10);
  });

  it('reads CIFAR-100 fine and coarse labels from folder and archive', async () => {
    const dir = writeCifarDirectory(small100, tempDir());
    expectRoundTrip(await loadCifar({ path: dir, format: small100, label: 'fine' }), small100, 'fine');
    expectRoundTrip(await loadCifar({ path: dir, format: small100, label: 'coarse' }), small100, 'coarse');
    const archive = await writeCifarArchive(small100, tempDir());
    expectRoundTrip(await loadCifar({ path: archive, format: small100, label: 'coarse' }), small100, 'coarse');
  });
});

async function expectFileError(promise: Promise<unknown>, file: string, problem: RegExp) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataFileError);
  const e = err as DataFileError;
  expect(e.file).toContain(file);
  expect(e.problem).toMatch(problem);
  expect(e.message).toMatch(/cs\.toronto\.edu|Download|download/);
}

describe('loadCifar integrity errors', () => {
  const rec = recordBytes(small10);

  it('names a truncated batch file and how many whole records it holds', async () => {
    const dir = writeCifarDirectory(small10, tempDir());
    const bytes = cifarFileBytes(small10, 2);
    writeFileSync(join(dir, 'data_batch_3.bin'), bytes.subarray(0, 2 * rec));
    await expectFileError(
      loadCifar({ path: dir, format: small10 }),
      'data_batch_3.bin',
      /truncated.*only 2 whole records/,
    );
    writeFileSync(join(dir, 'data_batch_3.bin'), bytes.subarray(0, 2 * rec + 100));
    await expectFileError(
      loadCifar({ path: dir, format: small10 }),
      'data_batch_3.bin',
      /last record is cut after 100 bytes/,
    );
  });

  it('names a file that is too long (foreign format)', async () => {
    const dir = writeCifarDirectory(small10, tempDir());
    const bytes = cifarFileBytes(small10, 5);
    writeFileSync(join(dir, 'test_batch.bin'), Buffer.concat([bytes, Buffer.alloc(10)]));
    await expectFileError(
      loadCifar({ path: dir, format: small10 }),
      'test_batch.bin',
      /larger than .*not a CIFAR 10 binary batch/,
    );
  });

  it('names a record whose label is out of range', async () => {
    const dir = writeCifarDirectory(small10, tempDir());
    const bytes = cifarFileBytes(small10, 0);
    bytes[rec] = 200;
    writeFileSync(join(dir, 'data_batch_1.bin'), bytes);
    await expectFileError(
      loadCifar({ path: dir, format: small10 }),
      'data_batch_1.bin',
      /record 1 has label 200, outside 0\.\.9/,
    );
  });

  it('rejects CIFAR-100 files read as CIFAR-10 and coarse labels above 19', async () => {
    const dir = writeCifarDirectory(small100, tempDir());
    const bytes = cifarFileBytes(small100, 1);
    bytes[0] = 25; // coarse byte of record 0
    writeFileSync(join(dir, 'test.bin'), bytes);
    await expectFileError(
      loadCifar({ path: dir, format: small100, label: 'coarse' }),
      'test.bin',
      /label 25, outside 0\.\.19/,
    );
  });

  it('checks the official sizes (10000 records of 3073 bytes per CIFAR-10 batch)', async () => {
    const dir = writeCifarDirectory(small10, tempDir());
    await expectFileError(
      loadCifar({ path: dir, format: CIFAR10_FORMAT }),
      'data_batch_1.bin',
      /expected 30730000 \(10000 records of 3073 bytes\)/,
    );
    const dir100 = writeCifarDirectory(small100, tempDir());
    await expectFileError(
      loadCifar({ path: dir100, format: CIFAR100_FORMAT }),
      'train.bin',
      /expected 153700000 \(50000 records of 3074 bytes\)/,
    );
  });

  it('lists missing batch files and recognises the Python version', async () => {
    const dir = writeCifarDirectory(small10, tempDir());
    const other = tempDir();
    copyFileSync(join(dir, 'data_batch_1.bin'), join(other, 'data_batch_1.bin'));
    await expectFileError(
      loadCifar({ path: other, format: small10 }),
      other,
      /lacks data_batch_2\.bin, .*test_batch\.bin/,
    );
    const python = tempDir();
    writeFileSync(join(python, 'data_batch_1'), Buffer.from([0x80, 0x02]));
    await expectFileError(loadCifar({ path: python, format: small10 }), python, /Python version/);
  });

  it('names a missing path', async () => {
    await expectFileError(
      loadCifar({ path: '/nonexistent/cifar', format: small10 }),
      '/nonexistent/cifar',
      /does not exist/,
    );
  });

  it('rejects an archive that is not gzip, is cut short, lacks batches or holds a truncated batch', async () => {
    const dir = tempDir();
    const notGzip = join(dir, 'a.tar.gz');
    writeFileSync(notGzip, 'hello, this is not an archive');
    await expectFileError(
      loadCifar({ path: notGzip, format: small10 }),
      'a.tar.gz',
      /cannot be read as a gzip-compressed tar/,
    );

    const good = readFileSync(await writeCifarArchive(small10, tempDir()));
    const cut = join(dir, 'cut.tar.gz');
    writeFileSync(cut, good.subarray(0, Math.floor(good.length / 2)));
    await expectFileError(
      loadCifar({ path: cut, format: small10 }),
      'cut.tar.gz',
      /gzip-compressed tar archive \(unexpected end of file\)/,
    );

    const foreign = join(dir, 'foreign.tar.gz');
    writeFileSync(foreign, await tarGz([{ name: 'x/readme.txt', data: new Uint8Array(5) }]));
    await expectFileError(
      loadCifar({ path: foreign, format: small10 }),
      'foreign.tar.gz',
      /lacks cifar-10-batches-bin\/data_batch_1\.bin/,
    );

    const truncated = join(dir, 'trunc.tar.gz');
    const entries = small10.files.map((f, i) => ({
      name: `${small10.folder}/${f.name}`,
      data: cifarFileBytes(small10, i),
    }));
    entries[3] = { ...entries[3]!, data: entries[3]!.data.subarray(0, rec + 5) };
    writeFileSync(truncated, await tarGz(entries));
    await expectFileError(loadCifar({ path: truncated, format: small10 }), 'data_batch_4.bin', /truncated/);
  });

  it('a gzip of a non-tar payload is refused', async () => {
    const dir = tempDir();
    const p = join(dir, 'x.tar.gz');
    writeFileSync(p, gzipSync(Buffer.alloc(2000, 7)));
    await expectFileError(
      loadCifar({ path: p, format: small10 }),
      'x.tar.gz',
      /gzip-compressed tar archive \(Invalid tar header/,
    );
  });
});
