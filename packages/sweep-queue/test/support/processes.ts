import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The installed `rankbias` entry: core's bin, discovering the built plugin packages (this one included). */
export const RANKBIAS_BIN = fileURLToPath(new URL('../../../core/bin/rankbias.js', import.meta.url));

/** Builds this package, eval and data-synthetic (and core through references) so the real CLI runs the code under test. */
export function buildForCli(): void {
  const tsc = fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url));
  execFileSync(
    process.execPath,
    [tsc, '-b', 'tsconfig.lib.json', '../eval/tsconfig.lib.json', '../data-synthetic/tsconfig.lib.json'],
    {
      cwd: PACKAGE_DIR,
      stdio: 'pipe',
    },
  );
}

/** A `rankbias` child process with its output collected. */
export interface Proc {
  readonly child: ChildProcess;
  /** `host:pid`, as a worker names itself. */
  readonly identity: string;
  output(): string;
  readonly exited: Promise<number | null>;
  /** Resolves once the output matches `pattern` (rejects after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
}

/** Starts `rankbias <args>` in `cwd`. */
export function startRankbias(args: readonly string[], cwd = PACKAGE_DIR): Proc {
  const child = spawn(process.execPath, [RANKBIAS_BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', RANKBIAS_QUEUE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    text += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  return {
    child,
    identity: `${hostname()}:${child.pid}`,
    output: () => text,
    exited,
    waitFor: (pattern, ms = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} in the output of rankbias ${args.join(' ')} within ${ms} ms:\n${text}`));
        }, ms);
        listeners.add(check);
        check();
      }),
  };
}

/** Starts `rankbias worker --queue <url> ...` and waits until it takes runs. */
export async function startWorker(url: string, extra: readonly string[] = []): Promise<Proc> {
  const worker = startRankbias(['worker', '--queue', url, ...extra]);
  await worker.waitFor(/taking runs from/);
  return worker;
}

/** Stops a worker with SIGTERM and returns its exit code. */
export async function stopWorker(worker: Proc): Promise<number | null> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  return worker.exited;
}
