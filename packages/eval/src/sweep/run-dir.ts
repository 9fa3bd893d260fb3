import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '@rankbias/core';
import { canonicalJson } from './hash.js';
import type { SweepRun } from '@rankbias/core';

/** Files of a sweep's run directory (the trainer's own files plus the sweep's). */
export const RUN_FILES = {
  /** Written by the sweep: id, group, label, seed, params. */
  sweepRun: 'sweep-run.json',
  /** The config handed to `rankbias train`. */
  trainConfig: 'train-config.json',
  /** stdout and stderr of the training process. */
  log: 'train.log',
  /** Written by the trainer. */
  result: 'result.json',
  metrics: 'metrics.jsonl',
  config: 'config.json',
} as const;

/** Where a run stands: done, failed, interrupted with a checkpoint to resume from, or not started. */
export type RunState = 'completed' | 'stopped' | 'failed' | 'resumable' | 'pending';

/** The run directory of `run` under a sweep's output directory. */
export function runDirOf(outDir: string, run: { id: string }): string {
  return join(outDir, 'runs', run.id);
}

/** Reads `result.json`, or undefined when absent or unreadable (a run killed while writing has none). */
export function readResult(dir: string): RunResult | undefined {
  const file = join(dir, RUN_FILES.result);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  } catch {
    return undefined;
  }
}

/**
 * The state of a run directory. Without `result.json`, a run is resumable
 * when it has a config and a committed checkpoint of an unfinished run (a
 * checkpoint written as the run stopped, e.g. on Ctrl-C, would only replay
 * the stop, so such a run starts afresh).
 */
export function runState(dir: string): RunState {
  const result = readResult(dir);
  if (result) return result.status;
  if (!existsSync(join(dir, RUN_FILES.config))) return 'pending';
  const latest = join(dir, 'checkpoints', 'latest');
  const committed = existsSync(latest) ? latest : existsSync(`${latest}.previous`) ? `${latest}.previous` : undefined;
  if (!committed) return 'pending';
  try {
    const manifest = JSON.parse(readFileSync(join(committed, 'manifest.json'), 'utf8')) as { state?: { finished?: unknown } };
    return manifest.state?.finished ? 'pending' : 'resumable';
  } catch {
    return 'resumable';
  }
}

/** Creates the run directory and writes the sweep's metadata and the config to train. Returns the config file. */
export function prepareSweepRunDir(dir: string, run: SweepRun): string {
  mkdirSync(dir, { recursive: true });
  const meta = { id: run.id, group: run.group, label: run.label, seed: run.seed, params: run.params };
  writeFileSync(join(dir, RUN_FILES.sweepRun), JSON.stringify(JSON.parse(canonicalJson(meta)), null, 2) + '\n');
  const configFile = join(dir, RUN_FILES.trainConfig);
  writeFileSync(configFile, JSON.stringify(run.config, null, 2) + '\n');
  return configFile;
}
