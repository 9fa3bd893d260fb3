import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The installed `rankbias` entry (core's bin, which runs the built CLI and discovers built plugins). */
export const RANKBIAS_BIN = fileURLToPath(new URL('../../../core/bin/rankbias.js', import.meta.url));

/**
 * Builds @rankbias/eval (and, through its project reference, @rankbias/core)
 * so that the `rankbias` binary runs the code under test. A no-op when the
 * build is up to date (as after `npm install`, whose prepare step builds
 * every package).
 */
export function buildForCli(): void {
  const tsc = fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url));
  try {
    execFileSync(process.execPath, [tsc, '-b', 'tsconfig.lib.json'], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      stdio: 'pipe',
    });
  } catch (e) {
    const out = String((e as { stdout?: Buffer }).stdout ?? '') + String((e as { stderr?: Buffer }).stderr ?? '');
    throw new Error(
      `building @rankbias/eval for the CLI test failed (npx tsc -b packages/eval/tsconfig.lib.json):\n${out}`,
    );
  }
  if (!existsSync(RANKBIAS_BIN)) throw new Error(`core's CLI entry ${RANKBIAS_BIN} is missing`);
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `rankbias <args>` (the real binary) in `cwd`. */
export function startRankbias(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [RANKBIAS_BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}
