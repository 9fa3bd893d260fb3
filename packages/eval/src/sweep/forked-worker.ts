import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BoardItem, SweepRunPaths } from '@rankbias/core';
import type { RunSlot, SlotOutcome } from './run-slot.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** The worker's entry file: the built `worker-main.js` beside this module (from sources: the package's dist). */
export function workerEntry(): string {
  const sibling = fileURLToPath(new URL('./worker-main.js', import.meta.url));
  return existsSync(sibling) ? sibling : fileURLToPath(new URL('../../dist/sweep/worker-main.js', import.meta.url));
}

/** Where a worker loads its plugins from (as the `rankbias` CLI did). */
export interface WorkerPlugins {
  readonly cwd: string;
  readonly pluginPaths: readonly string[];
}

/**
 * A long-lived worker process (`worker-main`) that trains the runs it is
 * given one after another, started on first use and again if it dies. It
 * has its own process group (a terminal Ctrl-C reaches only compare, which
 * stops it over IPC) and leaves by itself when compare's IPC channel closes.
 */
export class ForkedWorker implements RunSlot {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private attempt?: { id: string; onStep: (step: number) => void; resolve: (o: SlotOutcome) => void };
  private stopping = false;

  constructor(
    private readonly plugins: WorkerPlugins,
    private readonly entry: string = workerEntry(),
  ) {}

  async train(item: BoardItem, paths: SweepRunPaths, onStep: (step: number) => void): Promise<SlotOutcome> {
    try {
      await (this.ready ?? this.start());
    } catch (e) {
      return { status: this.stopping ? 'interrupted' : 'failed', message: (e as Error).message };
    }
    if (this.stopping) return { status: 'interrupted' };
    return new Promise<SlotOutcome>((resolve) => {
      this.attempt = { id: item.run.id, onStep, resolve };
      this.send({ type: 'train', run: item.run, runDir: paths.root, log: paths.log, resume: item.resume });
    });
  }

  stop(): void {
    this.stopping = true;
    if (this.attempt) this.send({ type: 'stop' });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) child.disconnect();
    await exited;
  }

  private start(): Promise<void> {
    const child = fork(this.entry, [], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      detached: true,
      execArgv: [],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    this.child = child;
    this.ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'fatal') reject(new Error(message.message));
        else if (message.type === 'step' && message.id === this.attempt?.id) this.attempt.onStep(message.step);
        else if (message.type === 'done' && message.id === this.attempt?.id)
          this.finish({ status: message.status, message: message.message });
      });
      child.on('exit', (code, signal) => {
        this.child = undefined;
        this.ready = undefined;
        const why = `worker process exited (${signal ?? `exit code ${code}`})`;
        reject(new Error(why));
        this.finish({ status: this.stopping ? 'interrupted' : 'failed', message: why });
      });
      child.on('error', (e) => reject(e));
    });
    this.send({ type: 'init', cwd: this.plugins.cwd, pluginPaths: this.plugins.pluginPaths });
    return this.ready;
  }

  private finish(outcome: SlotOutcome): void {
    const attempt = this.attempt;
    this.attempt = undefined;
    attempt?.resolve(outcome);
  }

  private send(message: ToWorker): void {
    if (this.child?.connected) this.child.send(message);
  }
}
