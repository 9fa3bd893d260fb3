import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

/**
 * Node's recursive mkdir loops forever, synchronously, where a pseudo-file
 * system refuses new folders without an error it understands (`--out
 * /proc/x`): a hang no timeout can stop. Shipped code makes folders with
 * core's `ensureDir`, which fails with a message instead.
 */
describe('folders are made with ensureDir', () => {
  it('no shipped source calls mkdir with recursive: true', () => {
    const offenders: string[] = [];
    for (const pkg of readdirSync(join(root, 'packages'))) {
      let files: string[];
      try {
        files = sourceFiles(join(root, 'packages', pkg, 'src'));
      } catch {
        continue;
      }
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        if (/\bmkdir(Sync)?\([^;]*recursive:\s*true/.test(text.replace(/^\s*\*.*$/gm, ''))) offenders.push(relative(root, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});
