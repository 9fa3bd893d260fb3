import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path);
    return /\.ts$/.test(e.name) ? [path] : [];
  });
}

/** Every package's `src/**.ts`, relative to the repository root. */
function shippedSources(): string[] {
  return readdirSync(join(root, 'packages')).flatMap((pkg) => {
    try {
      return tsFiles(join(root, 'packages', pkg, 'src'));
    } catch {
      return [];
    }
  });
}

/**
 * One test layout: a package's tests live under its `test/` folder, mirroring
 * `src/` (the shared vitest preset only collects `test/**\/*.test.ts`, so a
 * test left in `src/` would silently not run).
 */
describe('test layout', () => {
  it('no test file or test support under any package src/', () => {
    const misplaced = shippedSources()
      .filter((f) => /\.test\.ts$|[\\/]test-support[\\/]/.test(f))
      .map((f) => relative(root, f));
    expect(misplaced).toEqual([]);
  });
});

/**
 * Node's recursive mkdir loops forever, synchronously, where a pseudo-file
 * system refuses new folders without an error it understands (`--out
 * /proc/x`): a hang no timeout can stop. Shipped code makes folders with
 * core's `ensureDir`, which fails with a message instead.
 */
describe('folders are made with ensureDir', () => {
  it('no shipped source calls mkdir with recursive: true', () => {
    const offenders = shippedSources()
      .filter((file) =>
        /\bmkdir(Sync)?\([^;]*recursive:\s*true/.test(readFileSync(file, 'utf8').replace(/^\s*\*.*$/gm, '')),
      )
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
