import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import type { RunStatus } from '../contracts/result.js';
import type { RngState } from '../rng/rng.js';
import { committedDir, replaceDirAtomic } from '../io/atomic-dir.js';
import { writeFileDurable } from '../io/fs-sync.js';
import type { BatchScheduleState } from './batch-schedule.js';
import { encodeTensors, readTensorFile, type TensorSpec } from './tensor-file.js';

export const CHECKPOINT_FORMAT = 'rankbias-checkpoint/1';
const MANIFEST = 'manifest.json';
const VARIABLES = 'variables.bin';
const OPTIMIZER = 'optimizer.bin';

/** Everything besides tensors that a run needs to continue exactly. */
export interface TrainerState {
  /** Steps completed. */
  readonly step: number;
  readonly schedule: BatchScheduleState;
  /** Seconds spent training before this checkpoint (over every resumed segment). */
  readonly elapsedSeconds: number;
  /** Generator states by label (plugin rngs). */
  readonly rngs: Readonly<Record<string, RngState>>;
  readonly best: Readonly<Record<string, number>>;
  /** Values of the last evaluation. */
  readonly final: Readonly<Record<string, number>>;
  /** Step of the last evaluation (−1 when none). */
  readonly lastEvalStep: number;
  /** Records logged so far: on resume, metrics.jsonl is cut back to this many lines. */
  readonly records: number;
  /** `getState()` of each stateful callback, by position (null for stateless ones). */
  readonly callbacks: readonly unknown[];
  /**
   * Set when the run completed; resuming it then returns its result. A run
   * stopped by a callback (early stopping, Ctrl-C) is not finished: resuming
   * continues it.
   */
  readonly finished?: { status: RunStatus };
  readonly backend: string;
}

export interface CheckpointManifest {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly state: TrainerState;
  readonly variables: TensorSpec[];
  readonly optimizer: TensorSpec[];
}

export interface CheckpointContents {
  readonly state: TrainerState;
  /** Model variables by stable name (the caller disposes). */
  readonly variables: { name: string; tensor: tf.Tensor }[];
  /** Optimizer state in `getWeights()` order (the caller disposes). */
  readonly optimizer: { name: string; tensor: tf.Tensor }[];
}

/**
 * Writes a checkpoint to `dir` atomically: the files go to a temporary
 * directory, are flushed, and the directory is renamed over `dir`. A crash
 * leaves the previous checkpoint intact.
 */
export async function saveCheckpoint(
  dir: string,
  state: TrainerState,
  variables: readonly { name: string; tensor: tf.Tensor }[],
  optimizer: readonly { name: string; tensor: tf.Tensor }[],
): Promise<void> {
  // Tensor data is read before anything touches the disk (reads are async, the replace is not).
  const vars = await encodeTensors(variables);
  const opt = await encodeTensors(optimizer);
  const manifest: CheckpointManifest = { format: CHECKPOINT_FORMAT, state, variables: vars.specs, optimizer: opt.specs };
  replaceDirAtomic(dir, (tmp) => {
    writeFileDurable(join(tmp, VARIABLES), vars.bytes);
    writeFileDurable(join(tmp, OPTIMIZER), opt.bytes);
    writeFileDurable(join(tmp, MANIFEST), JSON.stringify(manifest, null, 1));
  });
}

/** True when `dir` (or its copy kept during an interrupted replace) holds a checkpoint. */
export function hasCheckpoint(dir: string): boolean {
  const found = committedDir(dir);
  return found !== undefined && existsSync(join(found, MANIFEST));
}

/** Reads the committed checkpoint in `dir`; never a temporary directory. */
export function loadCheckpoint(dir: string): CheckpointContents {
  const found = committedDir(dir);
  if (!found || !existsSync(join(found, MANIFEST))) {
    throw new Error(`no checkpoint in ${dir}`);
  }
  const manifest = JSON.parse(readFileSync(join(found, MANIFEST), 'utf8')) as CheckpointManifest;
  if (manifest.format !== CHECKPOINT_FORMAT) {
    throw new Error(`${join(found, MANIFEST)} has format ${String(manifest.format)}, expected ${CHECKPOINT_FORMAT}`);
  }
  return {
    state: manifest.state,
    variables: readTensorFile(join(found, VARIABLES), manifest.variables),
    optimizer: readTensorFile(join(found, OPTIMIZER), manifest.optimizer),
  };
}

/** The trainer state of the committed checkpoint in `dir` (no tensors read), or undefined when there is none or it is unreadable. */
export function readCheckpointState(dir: string): TrainerState | undefined {
  const found = committedDir(dir);
  if (!found) return undefined;
  try {
    return (JSON.parse(readFileSync(join(found, MANIFEST), 'utf8')) as CheckpointManifest).state;
  } catch {
    return undefined;
  }
}
