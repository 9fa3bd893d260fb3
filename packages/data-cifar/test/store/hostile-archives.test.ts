import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CIFAR10_FORMAT, withRecordCounts } from '../../src/cifar/format.js';
import { loadCifar } from '../../src/cifar/load.js';
import {
  cifarFileBytes,
  tarGz,
  tempDir,
  writeCifarArchive,
  writeCifarDirectory,
  type TarEntry,
} from '../support/fixtures.js';
import { DataFileError } from '../../src/store/data-file-error.js';
import { extractTarGz } from '../../src/store/extract-archive.js';

const small = withRecordCounts(CIFAR10_FORMAT, () => 2);
const officialEntries = (): TarEntry[] =>
  small.files.map((f, i) => ({ name: `${small.folder}/${f.name}`, data: cifarFileBytes(small, i) }));

async function archiveOf(entries: readonly TarEntry[]): Promise<string> {
  const path = join(tempDir(), 'cifar-10-binary.tar.gz');
  writeFileSync(path, await tarGz(entries));
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<DataFileError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataFileError);
  expect((e as Error).message).not.toContain('\n');
  return e as DataFileError;
}

describe('CIFAR archives read in place', () => {
  it.each([
    [
      'a parent-directory entry',
      { name: `${small.folder}/../data_batch_1.bin`, data: new Uint8Array(3) },
      /entry "cifar-10-batches-bin\/\.\.\/data_batch_1\.bin" points outside the archive root/,
    ],
    [
      'an absolute entry',
      { name: '/etc/data_batch_1.bin', data: new Uint8Array(3) },
      /entry "\/etc\/data_batch_1\.bin" points outside the archive root/,
    ],
    [
      'a symbolic link',
      { name: `${small.folder}/batches.meta.txt`, type: 'symlink' as const, linkname: '/etc/passwd' },
      /entry "cifar-10-batches-bin\/batches\.meta\.txt" is a symlink, not a regular file/,
    ],
    [
      'a hard link',
      { name: `${small.folder}/extra.bin`, type: 'link' as const, linkname: `${small.folder}/data_batch_1.bin` },
      /entry "cifar-10-batches-bin\/extra\.bin" is a link, not a regular file/,
    ],
  ])('refuses %s, naming it (not skipped)', async (_what, evil, message) => {
    const path = await archiveOf([...officialEntries(), evil]);
    expect((await refusal(loadCifar({ path, format: small }))).message).toMatch(message);
  });

  it('matches batches by their exact path in the archive root, not by basename', async () => {
    const decoy = {
      name: `elsewhere/${small.files[0]!.name}`,
      data: new Uint8Array(small.files[0]!.records * 3073).fill(9),
    };
    const data = await loadCifar({ path: await archiveOf([decoy, ...officialEntries()]), format: small });
    expect(Array.from(data.train.pixels.subarray(0, 4))).toEqual(Array.from(cifarFileBytes(small, 0).subarray(1, 5)));
    // batches only outside the expected folder: missing, named by their expected path
    const moved = officialEntries().map((e) => ({ ...e, name: e.name.replace(small.folder, 'other') }));
    expect((await refusal(loadCifar({ path: await archiveOf(moved), format: small }))).message).toMatch(
      /lacks cifar-10-batches-bin\/data_batch_1\.bin/,
    );
    const twice = [...officialEntries(), officialEntries()[0]!];
    expect((await refusal(loadCifar({ path: await archiveOf(twice), format: small }))).message).toMatch(
      /data_batch_1\.bin" appears twice/,
    );
  });

  it('names a dangling symbolic link in a CIFAR folder', async () => {
    const dir = writeCifarDirectory(small, tempDir());
    const batch = join(dir, small.files[2]!.name);
    rmSync(batch);
    symlinkSync(join(dir, 'gone.bin'), batch);
    expect((await refusal(loadCifar({ path: dir, format: small }))).message).toMatch(
      /data_batch_3\.bin: is a symbolic link to a file that does not exist/,
    );
  });
});

describe('extractTarGz leaves nothing partial behind', () => {
  it('a truncated archive: the partial batch file and the folders it created are removed', async () => {
    const good = readFileSync(
      await writeCifarArchive(
        withRecordCounts(CIFAR10_FORMAT, () => 40),
        tempDir(),
      ),
    );
    const dir = tempDir();
    const cut = join(dir, 'cut.tar.gz');
    writeFileSync(cut, good.subarray(0, Math.floor(good.length * 0.6)));
    const target = join(dir, 'out');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'mine');
    await refusal(extractTarGz(cut, target));
    expect(readdirSync(target)).toEqual(['keep.txt']);
  });

  it('a refused entry after good ones removes what was already written', async () => {
    const dir = tempDir();
    const archive = join(dir, 'a.tar.gz');
    writeFileSync(
      archive,
      await tarGz([
        { name: 'f/x.bin', data: Uint8Array.from([1]) },
        { name: 'f/l', type: 'symlink', linkname: '/etc/passwd' },
      ]),
    );
    await refusal(extractTarGz(archive, join(dir, 'out')));
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
