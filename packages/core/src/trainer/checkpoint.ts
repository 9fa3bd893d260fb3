import { existsSync, readFileSync } from 'node:fs';
import { InputError } from '../errors/input-error.js';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import type { RunStatus } from '../contracts/result.js';
import type { RngState } from '../rng/rng.js';
import { committedDir, replaceDirAtomic } from '../io/atomic-dir.js';
import { writeFileDurable } from '../io/fs-sync.js';
import type { BatchScheduleState } from './batch-schedule.js';
import { sha256 } from './content-hash.js';
import { decodeTensors, encodeTensors, type TensorSpec } from './tensor-file.js';

export const CHECKPOINT_FORMAT = 'rankbias-checkpoint/2';
const MANIFEST = 'manifest.json';
/** Hex sha256 of manifest.json's bytes: an edited or truncated manifest is caught before it is parsed. */
const MANIFEST_HASH = 'manifest.sha256';
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
  /** sha256 of the resolved config the run was started with (`configHash`). */
  readonly configHash: string;
  readonly state: TrainerState;
  readonly variables: TensorSpec[];
  readonly optimizer: TensorSpec[];
  /** sha256 and size of each binary file, by file name. */
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly bytes: number }>>;
}

/** What a checkpoint must match to be resumed: the current config's hash and backend. */
export interface CheckpointExpectation {
  readonly configHash: string;
  readonly backend: string;
}

/** A checkpoint that cannot be resumed (damaged, edited, or written by another config or backend). */
export class CheckpointError extends InputError {
  constructor(dir: string, problem: string) {
    super(
      `cannot resume from checkpoint ${dir}: ${problem}. ` +
        `To start fresh, delete ${dir} and run again, or run without --resume (or with a new --out)`,
    );
    this.name = 'CheckpointError';
  }
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
  configHash: string,
): Promise<void> {
  // Tensor data is read before anything touches the disk (reads are async, the replace is not).
  const vars = await encodeTensors(variables);
  const opt = await encodeTensors(optimizer);
  const files = {
    [VARIABLES]: { sha256: sha256(vars.bytes), bytes: vars.bytes.byteLength },
    [OPTIMIZER]: { sha256: sha256(opt.bytes), bytes: opt.bytes.byteLength },
  };
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    configHash,
    state,
    variables: vars.specs,
    optimizer: opt.specs,
    files,
  };
  const manifestText = JSON.stringify(manifest, null, 1);
  replaceDirAtomic(dir, (tmp) => {
    writeFileDurable(join(tmp, VARIABLES), vars.bytes);
    writeFileDurable(join(tmp, OPTIMIZER), opt.bytes);
    writeFileDurable(join(tmp, MANIFEST), manifestText);
    writeFileDurable(join(tmp, MANIFEST_HASH), `${sha256(manifestText)}\n`);
  });
}

/** True when `dir` (or its copy kept during an interrupted replace) holds a checkpoint. */
export function hasCheckpoint(dir: string): boolean {
  const found = committedDir(dir);
  return found !== undefined && existsSync(join(found, MANIFEST));
}

function readVerified(dir: string, name: string, expected: { sha256: string; bytes: number } | undefined): Buffer {
  if (!expected) throw new CheckpointError(dir, `its manifest lists no hash for ${name}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, name));
  } catch (e) {
    throw new CheckpointError(
      dir,
      `${name} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (bytes.byteLength !== expected.bytes || sha256(bytes) !== expected.sha256) {
    throw new CheckpointError(
      dir,
      `${name} does not match the sha256 in its manifest (the file was changed or damaged)`,
    );
  }
  return bytes;
}

function readManifest(dir: string): CheckpointManifest {
  let text: string;
  let recorded: string;
  try {
    text = readFileSync(join(dir, MANIFEST), 'utf8');
    recorded = readFileSync(join(dir, MANIFEST_HASH), 'utf8').trim();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CheckpointError(
      dir,
      code === 'ENOENT'
        ? `it has no ${MANIFEST_HASH} (damaged, or written by an older rankbias)`
        : `its manifest cannot be read (${code})`,
    );
  }
  if (sha256(text) !== recorded) {
    throw new CheckpointError(
      dir,
      `${MANIFEST} does not match ${MANIFEST_HASH} (the manifest was edited, truncated or damaged)`,
    );
  }
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(text) as CheckpointManifest;
  } catch {
    throw new CheckpointError(dir, `${MANIFEST} is not valid JSON`);
  }
  if (manifest?.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      dir,
      `it has format ${String(manifest?.format)}, this rankbias reads ${CHECKPOINT_FORMAT}`,
    );
  }
  return manifest;
}

/**
 * Reads the committed checkpoint in `dir` (never a temporary directory),
 * verifying the manifest's own sha256, each file's sha256 and, when given,
 * that it was written for the same config and backend. Any mismatch is a
 * one-line `CheckpointError` saying how to start fresh.
 */
export function loadCheckpoint(dir: string, expected?: CheckpointExpectation): CheckpointContents {
  const found = committedDir(dir);
  if (!found || !existsSync(join(found, MANIFEST))) {
    throw new CheckpointError(dir, 'it holds no checkpoint');
  }
  const manifest = readManifest(found);
  if (expected && manifest.configHash !== expected.configHash) {
    throw new CheckpointError(
      found,
      `it was written by another config (hash ${manifest.configHash.slice(0, 12)}, current ${expected.configHash.slice(0, 12)})`,
    );
  }
  if (expected && manifest.state.backend !== expected.backend) {
    throw new CheckpointError(
      found,
      `it was written on backend ${manifest.state.backend}, this run uses ${expected.backend} (resume on the same backend for an exact result)`,
    );
  }
  const variables = readVerified(found, VARIABLES, manifest.files?.[VARIABLES]);
  const optimizer = readVerified(found, OPTIMIZER, manifest.files?.[OPTIMIZER]);
  return {
    state: manifest.state,
    variables: decodeTensors(variables, manifest.variables, join(found, VARIABLES)),
    optimizer: decodeTensors(optimizer, manifest.optimizer, join(found, OPTIMIZER)),
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
