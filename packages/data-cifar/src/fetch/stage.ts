import { mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensureDir } from '@rankbias/core';

/** A staged file and where it goes once every file of the fetch is verified. */
export interface StagedFile {
  readonly staged: string;
  readonly target: string;
  /** Older copies the target supersedes (e.g. a plain file beside a new `.gz`), removed once it is in place. */
  readonly replaces?: readonly string[];
}

/**
 * Runs `fill` with a fresh folder inside `dataDir` (same file system, so the
 * final renames are atomic), then moves its verified files into place. When
 * `fill` throws, the folder and everything in it is removed and the cache is
 * left as it was.
 */
export async function withStagingDir(
  dataDir: string,
  fill: (stage: string) => Promise<StagedFile[]>,
): Promise<string[]> {
  ensureDir(dataDir);
  const stage = await mkdtemp(join(dataDir, '.fetch-'));
  try {
    const files = await fill(stage);
    for (const f of files) {
      ensureDir(dirname(f.target));
      await rename(f.staged, f.target);
      for (const old of f.replaces ?? []) if (old !== f.target) await rm(old, { force: true });
    }
    return files.map((f) => f.target);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
