import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { runDirState, tryReadRunResult, type BoardItem, type SweepRunPaths } from '@rankbias/core';
import { lastLoggedStep } from './progress.js';
import type { RunSlot, SlotOutcome } from './run-slot.js';
import type { TrainCommand } from './train-command.js';

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A training process per run, started from a `TrainCommand` (the way sweeps
 * ran before long-lived workers; kept for `executeRuns` callers with their
 * own command). The process is stopped with SIGTERM and keeps its last
 * periodic checkpoint.
 */
export class SpawnedTrainer implements RunSlot {
  private child?: ChildProcess;
  private stopping = false;

  constructor(private readonly command: TrainCommand) {}

  train(item: BoardItem, paths: SweepRunPaths, onStep: (step: number) => void): Promise<SlotOutcome> {
    if (this.stopping) return Promise.resolve({ status: 'interrupted' });
    const argv = this.command(paths.trainConfig, paths.root, item.resume);
    const log = openSync(paths.log, 'a');
    writeSync(log, `$ ${[argv.command, ...argv.args].map(shellQuote).join(' ')}\n`);
    const child = spawn(argv.command, [...argv.args], {
      stdio: ['ignore', log, log],
      detached: true,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    closeSync(log);
    this.child = child;
    const poll = setInterval(() => onStep(lastLoggedStep(paths.metrics)), 1000);
    return new Promise<SlotOutcome>((resolve) => {
      let settled = false;
      const end = (why: string) => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        this.child = undefined;
        const state = runDirState(paths.root);
        if (state === 'completed' || state === 'stopped') resolve({ status: 'completed' });
        else if (state === 'failed')
          resolve({ status: 'failed', message: tryReadRunResult(paths.root)?.error?.message ?? why });
        else resolve({ status: this.stopping ? 'interrupted' : 'failed', message: why });
      };
      child.on('exit', (code, signal) => end(signal ? `killed by ${signal}` : `exit code ${code}`));
      child.on('error', (e) => end(`cannot start ${argv.command}: ${e.message}`));
    });
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill('SIGTERM');
  }

  async close(): Promise<void> {}
}
