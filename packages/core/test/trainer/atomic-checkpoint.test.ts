import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { replaceDirAtomic } from '../../src/io/atomic-dir.js';
import { hasCheckpoint, loadCheckpoint, saveCheckpoint, type TrainerState } from '../../src/trainer/checkpoint.js';
import { tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';

function state(step: number): TrainerState {
  return {
    step,
    schedule: { epoch: 1, position: 16, rngAtEpochStart: [1, 2, 3, 4] },
    elapsedSeconds: step / 10,
    rngs: { data: [5, 6, 7, 8] },
    best: { 'test/loss': 0.5 },
    final: { 'test/loss': 0.6 },
    lastEvalStep: step,
    records: step + 1,
    callbacks: [null],
    backend: 'cpu',
  };
}

async function save(dir: string, step: number) {
  const w = tf.tensor2d([
    [step, 2.5],
    [-1, 0.125],
  ]);
  const iter = tf.scalar(step, 'int32');
  await saveCheckpoint(
    dir,
    state(step),
    [{ name: 'dense/kernel', tensor: w }],
    [{ name: 'iter', tensor: iter }],
    'test-config',
  );
  tf.dispose([w, iter]);
}

function load(dir: string) {
  const c = loadCheckpoint(dir);
  const out = {
    step: c.state.step,
    kernel: Array.from(c.variables[0]!.tensor.dataSync()),
    iter: c.optimizer[0]!.tensor.dataSync()[0],
  };
  tf.dispose([...c.variables, ...c.optimizer].map((t) => t.tensor));
  return out;
}

describe('atomic checkpoints', () => {
  beforeAll(useCpu);

  it('round-trips variables (float32), optimizer state (int32) and trainer state', async () => {
    const dir = join(tempRunDir(), 'checkpoints', 'latest');
    expect(hasCheckpoint(dir)).toBe(false);
    await save(dir, 3);
    expect(hasCheckpoint(dir)).toBe(true);
    expect(load(dir)).toEqual({ step: 3, kernel: [3, 2.5, -1, 0.125], iter: 3 });
    expect(loadCheckpoint(dir).state).toEqual(state(3));
  });

  it('a stale temporary directory (a crash while writing) never replaces latest, and the next save clears it', async () => {
    const dir = join(tempRunDir(), 'checkpoints', 'latest');
    await save(dir, 5);
    const stale = join(dir, '..', '.tmp-latest-999-crashed');
    mkdirSync(stale);
    writeFileSync(join(stale, 'manifest.json'), '{"format":"rankbias-checkpoint/1","state":{"step":99}');
    expect(load(dir).step).toBe(5);
    await save(dir, 10);
    expect(load(dir).step).toBe(10);
    expect(existsSync(stale)).toBe(false);
  });

  it('a write that fails midway leaves the previous checkpoint in place', async () => {
    const dir = join(tempRunDir(), 'checkpoints', 'latest');
    await save(dir, 7);
    expect(() =>
      replaceDirAtomic(dir, (tmp) => {
        writeFileSync(join(tmp, 'manifest.json'), 'partial');
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(load(dir).step).toBe(7);
    expect(readdirSync(join(dir, '..'))).toEqual(['latest']);
  });

  it('a crash between moving the old checkpoint aside and renaming the new one still finds the old one', async () => {
    const dir = join(tempRunDir(), 'checkpoints', 'latest');
    await save(dir, 8);
    renameSync(dir, `${dir}.previous`);
    expect(hasCheckpoint(dir)).toBe(true);
    expect(load(dir).step).toBe(8);
    await save(dir, 9);
    expect(load(dir).step).toBe(9);
    expect(readdirSync(join(dir, '..'))).toEqual(['latest']);
  });
});
