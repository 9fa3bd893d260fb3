// A long-lived training worker of `rankbias compare`: started with fork() (IPC), it loads the
// plugins once and trains the runs it is sent one after another in this process, so a sweep does
// not pay a Node + tfjs start per run. It leaves when compare's IPC channel closes (compare exited,
// was killed, or the terminal closed), after stopping its run with a checkpoint.
import 'reflect-metadata';
import { closeSync, openSync, writeSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import {
  configPluginNames,
  createCliContainer,
  loadPlugins,
  summarizeResult,
  trainRunInDir,
  type SweepRunEnd,
} from '@rankbias/core';
import type { DependencyContainer } from 'tsyringe';
import type { FromWorker, ToWorker } from './worker-protocol.js';

tf.env().set('PROD', true);

let base: { container: DependencyContainer; loaded: readonly string[]; cwd: string } | undefined;
let current: AbortController | undefined;
let leaving = false;
let logFd: number | undefined;

// What the trainer and its loggers print goes to the current run's train.log.
const toLog = (chunk: unknown, encoding?: unknown, done?: unknown): boolean => {
  if (logFd !== undefined) writeSync(logFd, typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array));
  const callback = typeof encoding === 'function' ? encoding : done;
  if (typeof callback === 'function') (callback as () => void)();
  return true;
};
process.stdout.write = toLog as typeof process.stdout.write;
process.stderr.write = toLog as typeof process.stderr.write;

const send = (message: FromWorker) => {
  if (process.connected) process.send!(message);
};

function leave(): void {
  leaving = true;
  if (current) current.abort('compare exited');
  else process.exit(0);
}
process.on('disconnect', leave);
// Terminal signals go to compare (this process has its own group); compare tells us to stop.
process.on('SIGINT', () => current?.abort('SIGINT'));

async function train(message: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  const { run, runDir, resume } = message;
  current = new AbortController();
  logFd = openSync(message.log, 'a');
  let status: SweepRunEnd = 'failed';
  let why: string | undefined;
  let lastSent = 0;
  try {
    writeSync(logFd, `$ rankbias train ${runDir}/train-config.json --out ${runDir}${resume ? ' --resume' : ''}\n`);
    const container = base!.container.createChildContainer();
    await loadPlugins(container, {
      cwd: base!.cwd,
      discover: false,
      packages: configPluginNames(run.config),
      skip: ['@rankbias/core', ...base!.loaded],
    });
    const { result, interrupted } = await trainRunInDir(run.config, runDir, {
      container,
      resume,
      signal: current.signal,
      say: (line) => console.error(line),
      onProgress: (step) => {
        const now = performance.now();
        if (now - lastSent > 250) {
          lastSent = now;
          send({ type: 'step', id: run.id, step });
        }
      },
    });
    console.log(summarizeResult(result, runDir));
    status = interrupted ? 'interrupted' : result.status === 'failed' ? 'failed' : 'completed';
    why = result.error?.message;
  } catch (e) {
    why = String((e as Error)?.message ?? e).split('\n')[0];
    console.error(`rankbias: ${why}`);
  } finally {
    closeSync(logFd);
    logFd = undefined;
    const aborted = current.signal.aborted;
    current = undefined;
    // tfjs state left by a run (there should be none) must not reach the next one
    tf.disposeVariables();
    if (aborted && status === 'failed' && !why) status = 'interrupted';
  }
  send({ type: 'done', id: run.id, status, ...(why ? { message: why } : {}) });
  if (leaving) process.exit(0);
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'init') {
    void createCliContainer({ cwd: message.cwd, pluginPaths: message.pluginPaths, warn: () => {} }).then(
      ({ container, loaded }) => {
        base = { container, cwd: message.cwd, loaded: loaded.filter((p) => p.source !== 'path').map((p) => p.name) };
        send({ type: 'ready' });
      },
      (e: Error) => {
        send({ type: 'fatal', message: `cannot load plugins: ${e.message}` });
        process.exit(1);
      },
    );
  } else if (message.type === 'train') {
    void train(message);
  } else if (message.type === 'stop') {
    current?.abort('SIGINT');
  }
});
