import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepRun } from '@rankbias/core';
import { createProgress, lastLoggedStep, type SweepProgress } from './progress.js';
import { prepareSweepRunDir, readResult, RUN_FILES, runDirOf, runState, type RunState } from './run-dir.js';
import type { TrainCommand } from './train-command.js';

/** Exit code of `rankbias train` stopped by Ctrl-C after checkpointing. */
const INTERRUPTED_EXIT = 130;

/**
 * A run stopped by an interrupt writes `result.json` with status `stopped`;
 * that is not a finished run, so the result is removed and the run's
 * checkpoint makes it resumable.
 */
function forgetInterruptedResult(dir: string): void {
  if (readResult(dir)?.status === 'stopped') rmSync(join(dir, RUN_FILES.result), { force: true });
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** How to execute a sweep's runs. */
export interface RunnerOptions {
  readonly outDir: string;
  /** Maximum concurrent training processes. */
  readonly workers: number;
  /** Re-run failed runs (otherwise they are reported and left as they are). */
  readonly retry: boolean;
  readonly trainCommand: TrainCommand;
  /** Progress display; default: a bar on a TTY stderr, lines otherwise. */
  readonly progress?: SweepProgress;
  /** Aborting it acts like Ctrl-C (for programmatic use). */
  readonly signal?: AbortSignal;
}

/** What happened to the runs. */
export interface RunnerOutcome {
  /** Runs that were already done and not run again. */
  readonly skipped: string[];
  readonly completed: string[];
  readonly failed: string[];
  /** Failed runs left alone because --retry was not given. */
  readonly failedNotRetried: string[];
  /** True when Ctrl-C (or SIGTERM) stopped the sweep; unfinished runs resume next time. */
  readonly interrupted: boolean;
}

/** What to do with a run in `state`. */
export function planAction(state: RunState, retry: boolean): 'skip' | 'fresh' | 'resume' | 'leave-failed' {
  if (state === 'completed' || state === 'stopped') return 'skip';
  if (state === 'failed') return retry ? 'fresh' : 'leave-failed';
  return state === 'resumable' ? 'resume' : 'fresh';
}

/**
 * Runs every run of the sweep that is not done yet, at most `workers` at a
 * time, each as its own training process writing into its run directory.
 * Safe to interrupt: on SIGINT/SIGTERM the children are stopped and the
 * promise resolves with `interrupted` (their checkpoints let the next call
 * resume them).
 */
export async function executeRuns(runs: readonly SweepRun[], options: RunnerOptions): Promise<RunnerOutcome> {
  const skipped: string[] = [];
  const failedNotRetried: string[] = [];
  const queue: { run: SweepRun; resume: boolean }[] = [];
  for (const run of runs) {
    const action = planAction(runState(runDirOf(options.outDir, run)), options.retry);
    if (action === 'skip') skipped.push(run.id);
    else if (action === 'leave-failed') failedNotRetried.push(run.id);
    else queue.push({ run, resume: action === 'resume' });
  }
  const stepsOf = (r: SweepRun) => Number((r.config.train as { steps?: number } | undefined)?.steps ?? 1);
  const totalSteps = queue.reduce((s, q) => s + stepsOf(q.run), 0);
  const progress = options.progress ?? createProgress(totalSteps, queue.length);
  const completed: string[] = [];
  const failed: string[] = [];
  const running = new Map<string, { child: ChildProcess; run: SweepRun }>();
  let finishedSteps = 0;
  let interrupted = false;
  let next = 0;

  const counts = () => ({
    runs: queue.length,
    done: completed.length,
    running: running.size,
    failed: failed.length,
  });
  const tick = () => {
    let steps = finishedSteps;
    for (const { run } of running.values()) {
      steps += Math.min(stepsOf(run), lastLoggedStep(join(runDirOf(options.outDir, run), RUN_FILES.metrics)));
    }
    progress.update(steps, counts());
  };
  const timer = setInterval(tick, 1000);

  // Children run in their own process group, so a terminal Ctrl-C reaches only this process.
  // Children are ended with SIGTERM: the run keeps its last periodic checkpoint and no
  // result.json, so the next compare resumes it from there.
  const onAbort = () => {
    interrupted = true;
    for (const { child } of running.values()) child.kill('SIGTERM');
  };
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort);

  try {
    await new Promise<void>((resolveAll) => {
      const launch = () => {
        while (!interrupted && running.size < options.workers && next < queue.length) {
          const { run, resume } = queue[next++]!;
          const dir = runDirOf(options.outDir, run);
          const configFile = prepareSweepRunDir(dir, run);
          const argv = options.trainCommand(configFile, dir, resume);
          const log = openSync(join(dir, RUN_FILES.log), 'a');
          writeSync(log, `$ ${[argv.command, ...argv.args].map(shellQuote).join(' ')}\n`);
          const child = spawn(argv.command, [...argv.args], {
            stdio: ['ignore', log, log],
            detached: true,
            env: { ...process.env, FORCE_COLOR: '0' },
          });
          closeSync(log);
          running.set(run.id, { child, run });
          const started = Date.now();
          const finish = (code: number | null, signal: NodeJS.Signals | null) => {
            if (!running.delete(run.id)) return;
            if (code === INTERRUPTED_EXIT) forgetInterruptedResult(dir);
            const result = readResult(dir);
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            if (result && (result.status === 'completed' || result.status === 'stopped')) {
              completed.push(run.id);
              finishedSteps += stepsOf(run);
              progress.line(`[${completed.length}/${queue.length}] ${run.label} seed ${run.seed}: ${result.status} in ${seconds}s (${run.id})`);
            } else if (!interrupted && code !== INTERRUPTED_EXIT) {
              failed.push(run.id);
              const why = result?.error?.message ?? (signal ? `killed by ${signal}` : `exit code ${code}`);
              progress.line(`FAILED ${run.label} seed ${run.seed}: ${why} (log: ${join(dir, RUN_FILES.log)})`);
            }
            if (running.size === 0 && (interrupted || next >= queue.length)) resolveAll();
            else launch();
          };
          child.on('exit', finish);
          child.on('error', (e) => {
            progress.line(`cannot start ${argv.command}: ${e.message}`);
            finish(null, null);
          });
        }
        if (running.size === 0 && (interrupted || next >= queue.length)) resolveAll();
      };
      launch();
    });
  } finally {
    clearInterval(timer);
    options.signal?.removeEventListener('abort', onAbort);
    tick();
    progress.stop();
  }
  return { skipped, completed, failed, failedNotRetried, interrupted };
}
