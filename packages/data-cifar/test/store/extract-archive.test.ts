import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarGz, tempDir } from '../support/fixtures.js';
import { extractTarGz, safeEntryPath } from '../../src/store/extract-archive.js';

describe('extractTarGz', () => {
  it('unpacks regular files under the target', async () => {
    const dir = tempDir();
    const archive = join(dir, 'a.tar.gz');
    writeFileSync(
      archive,
      await tarGz([
        { name: 'f/', type: 'directory' },
        { name: 'f/x.bin', data: Uint8Array.from([1, 2, 3]) },
      ]),
    );
    const out = join(dir, 'out');
    const written = await extractTarGz(archive, out);
    expect(written).toEqual([join(out, 'f', 'x.bin')]);
    expect(Array.from(readFileSync(join(out, 'f', 'x.bin')))).toEqual([1, 2, 3]);
  });

  it.each([
    ['a parent-directory path', '../escape.bin'],
    ['a nested parent path', 'f/../../escape.bin'],
    ['an absolute path', '/tmp/escape.bin'],
  ])('refuses %s and writes nothing outside the target', async (_what, name) => {
    const dir = tempDir();
    const archive = join(dir, 'evil.tar.gz');
    writeFileSync(archive, await tarGz([{ name, data: Uint8Array.from([9]) }]));
    const out = join(dir, 'out');
    await expect(extractTarGz(archive, out)).rejects.toThrow(/points outside the archive root; refusing it/);
    expect(existsSync(join(dir, 'escape.bin'))).toBe(false);
  });

  it('refuses links', async () => {
    const dir = tempDir();
    const archive = join(dir, 'link.tar.gz');
    writeFileSync(archive, await tarGz([{ name: 'l', type: 'symlink', linkname: '/etc/passwd' }]));
    await expect(extractTarGz(archive, join(dir, 'out'))).rejects.toThrow(/entry "l" is a symlink, not a regular file/);
  });

  it('safeEntryPath keeps names inside and rejects escapes', () => {
    expect(safeEntryPath('/t', 'a/b')).toBe('/t/a/b');
    expect(safeEntryPath('/t', 'a/../b')).toBe('/t/b');
    expect(safeEntryPath('/t', '..')).toBeUndefined();
    expect(safeEntryPath('/t', 'C:/x')).toBeUndefined();
  });
});
