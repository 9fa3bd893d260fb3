import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsyncDir } from './fs-sync.js';
import { ensureDir } from './ensure-dir.js';

const TMP_PREFIX = '.tmp-';

/** Path of the copy kept while `target` is being replaced. */
function previousOf(target: string): string {
  return `${target}.previous`;
}

/**
 * Finishes or undoes a replacement interrupted between its two renames:
 * when `target` is missing but its previous copy exists, the previous copy
 * becomes `target` again. Stale temporary directories are removed.
 */
export function recoverAtomicDir(target: string): void {
  const previous = previousOf(target);
  if (!existsSync(target) && existsSync(previous)) renameSync(previous, target);
  else if (existsSync(previous)) rmSync(previous, { recursive: true, force: true });
  const parent = dirname(target);
  if (!existsSync(parent)) return;
  const stem = `${TMP_PREFIX}${basename(target)}-`;
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(stem)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * The directory that holds `target`'s committed contents, or undefined:
 * `target` itself, or its previous copy when a replacement was interrupted.
 * Temporary directories are never returned.
 */
export function committedDir(target: string): string | undefined {
  if (existsSync(target)) return target;
  const previous = previousOf(target);
  return existsSync(previous) ? previous : undefined;
}

/**
 * Replaces directory `target` atomically with the contents `fill` writes
 * into a fresh temporary directory (files must be flushed by `fill`). A
 * crash at any point leaves either the old or the new contents readable
 * through `committedDir`; an unfinished temporary directory never replaces
 * `target`.
 */
export function replaceDirAtomic(target: string, fill: (tmpDir: string) => void): void {
  const parent = dirname(target);
  ensureDir(parent);
  recoverAtomicDir(target);
  const tmp = join(parent, `${TMP_PREFIX}${basename(target)}-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(tmp);
  try {
    fill(tmp);
    fsyncDir(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const previous = previousOf(target);
  const hadTarget = existsSync(target);
  if (hadTarget) renameSync(target, previous);
  renameSync(tmp, target);
  fsyncDir(parent);
  if (hadTarget) rmSync(previous, { recursive: true, force: true });
}
