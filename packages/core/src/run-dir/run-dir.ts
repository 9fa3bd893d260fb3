import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { RunResult } from '../contracts/result.js';
import { ensureDir } from '../io/ensure-dir.js';
import { fsyncDir, writeFileDurable } from '../io/fs-sync.js';
import { configDifferences } from './config-diff.js';
import { runDirPaths, type RunDirPaths } from './paths.js';
import { dirname } from 'node:path';

/** A run directory that cannot be used as asked (different config, nothing to resume). */
export class RunDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunDirError';
  }
}

/** Writes `text` to `file` through a flushed temporary file and a rename, so readers never see half a file. */
export function writeTextAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileDurable(tmp, text);
  renameSync(tmp, file);
  fsyncDir(dirname(file));
}

/** Reads the plain config stored in a run directory, or undefined when there is none. */
export function readRunConfig(root: string): Record<string, unknown> | undefined {
  const file = runDirPaths(root).config;
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new RunDirError(`${file} is not valid JSON (${(e as Error).message}); use a new --out directory`);
  }
}

/**
 * Makes `root` ready for a run of `config` (plain, as `toPlainConfig` gives).
 *
 * - fresh run: refuses a directory holding a different config (the error
 *   names the fix: a new `--out`, or `--resume`); otherwise writes
 *   `config.json` and clears the previous run's metrics, result and
 *   checkpoints.
 * - resume: requires `config.json` equal to `config`.
 */
export function prepareRunDir(
  root: string,
  config: Record<string, unknown>,
  options: { resume: boolean },
): RunDirPaths {
  const paths = runDirPaths(root);
  const existing = readRunConfig(root);
  const plain = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  if (existing) {
    const diff = configDifferences(existing, plain);
    if (diff.length) {
      const where = diff.slice(0, 8).join(', ') + (diff.length > 8 ? `, … (${diff.length} in all)` : '');
      throw new RunDirError(
        options.resume
          ? `cannot resume ${root}: its config.json differs from the current config at ${where}. ` +
              `Resume with the same config (and overrides), or start a new run with a different --out directory.`
          : `${root} already holds a run with a different config (differs at ${where}). ` +
              `Use a new --out directory, or --resume with the same config to continue that run.`,
      );
    }
  } else if (options.resume) {
    throw new RunDirError(`cannot resume ${root}: it holds no run (no config.json). Start the run without --resume.`);
  }
  if (!options.resume) {
    ensureDir(root);
    for (const p of [paths.metrics, paths.result]) rmSync(p, { force: true });
    for (const p of [paths.checkpoints, paths.model, paths.modelCollapsed]) rmSync(p, { recursive: true, force: true });
    writeTextAtomic(paths.config, JSON.stringify(plain, null, 2) + '\n');
  }
  return paths;
}

/** Writes `result.json` atomically. */
export function writeRunResult(root: string, result: RunResult): void {
  writeTextAtomic(runDirPaths(root).result, JSON.stringify(result, null, 2) + '\n');
}

/** Reads `result.json` of a run directory. */
export function readRunResult(root: string): RunResult {
  const file = runDirPaths(root).result;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  } catch (e) {
    throw new RunDirError(`cannot read ${file}: ${(e as Error).message}`);
  }
}
