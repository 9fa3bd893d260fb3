import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, packBundle, TransferTooLargeError, unpackBundle } from '../../src/transfer/bundle.js';

function bundleOf(entries: { path: string; bytes: Buffer }[]): Buffer {
  const index = Buffer.from(JSON.stringify(entries.map((e) => ({ path: e.path, size: e.bytes.length }))));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(index.length);
  return Buffer.concat([head, index, ...entries.map((e) => e.bytes)]);
}

describe('run directory bundles', () => {
  it('carries nested files byte for byte, including binary and empty ones', () => {
    const src = mkdtempSync(join(tmpdir(), 'bundle-src-'));
    mkdirSync(join(src, 'checkpoints', 'latest'), { recursive: true });
    const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));
    writeFileSync(join(src, 'checkpoints', 'latest', 'variables.bin'), binary);
    writeFileSync(join(src, 'metrics.jsonl'), '{"step":1}\n');
    writeFileSync(join(src, 'empty'), '');
    const files = listFiles(src);
    expect(files).toEqual(['checkpoints/latest/variables.bin', 'empty', 'metrics.jsonl']);
    expect(listFiles(src, ['metrics.jsonl', 'missing', 'checkpoints/latest'])).toEqual([
      'metrics.jsonl',
      'checkpoints/latest/variables.bin',
    ]);
    const dest = mkdtempSync(join(tmpdir(), 'bundle-dest-'));
    expect(unpackBundle(packBundle(src, files, 1e6, 'test'), dest)).toEqual(files);
    expect(readFileSync(join(dest, 'checkpoints', 'latest', 'variables.bin')).equals(binary)).toBe(true);
    expect(readFileSync(join(dest, 'metrics.jsonl'), 'utf8')).toBe('{"step":1}\n');
    expect(readFileSync(join(dest, 'empty'), 'utf8')).toBe('');
  });

  it('refuses a bundle over the cap, telling to use a shared --out', () => {
    const src = mkdtempSync(join(tmpdir(), 'bundle-cap-'));
    writeFileSync(join(src, 'big.bin'), Buffer.alloc(3 * 2 ** 20));
    const pack = () => packBundle(src, ['big.bin'], 2 ** 20, 'the checkpoint of run abc');
    expect(pack).toThrow(TransferTooLargeError);
    expect(pack).toThrow(/the checkpoint of run abc is 3\.0 MiB, over the 1\.0 MiB cap .* same shared --out directory/);
  });

  it('writes nothing from a bundle naming a path outside the run directory', () => {
    for (const bad of ['../escape.txt', '/etc/passwd-copy', 'a/../../escape.txt', 'a\\..\\escape.txt', './x', '']) {
      const root = mkdtempSync(join(tmpdir(), 'bundle-bad-'));
      const dest = join(root, 'run');
      const bundle = bundleOf([
        { path: 'ok.txt', bytes: Buffer.from('fine') },
        { path: bad, bytes: Buffer.from('evil') },
      ]);
      expect(() => unpackBundle(bundle, dest), bad).toThrow(/refused a transferred file/);
      expect(existsSync(join(dest, 'ok.txt')), bad).toBe(false);
      expect(existsSync(join(root, 'escape.txt')), bad).toBe(false);
    }
  });
});
