import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
/** tsx's ESM loader, by absolute URL so the CLI can run from any directory. */
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
/** The CLI entry, run from source. */
export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `rankbias <args>` as a child process. */
export function startRankbias(args: readonly string[], cwd = REPO_ROOT): ChildProcess {
  return spawn(process.execPath, ['--import', TSX_LOADER, CLI_MAIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a child's output and exit code. */
export function finished(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `rankbias <args>` to completion. */
export function runRankbias(args: readonly string[], cwd = REPO_ROOT): Promise<CliRun> {
  return finished(startRankbias(args, cwd));
}

/** Runs the CLI in this process (faster than a child; same code path after argument parsing). */
export async function runRankbiasInProcess(args: readonly string[], cwd = REPO_ROOT): Promise<CliRun> {
  const { runCli } = await import('../../src/cli/program.js');
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}
