import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../../src/backend/errors.js';
import { describeBackend, selectBackend } from '../../src/backend/select-backend.js';

const notInstalled = (spec: string) =>
  Object.assign(new Error(`Cannot find package '${spec}'`), { code: 'ERR_MODULE_NOT_FOUND' });

describe('selectBackend', () => {
  it('auto falls through the absent native packages to a working wasm backend', async () => {
    const sel = await selectBackend('auto');
    expect(sel.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(sel.reason).toContain('@tensorflow/tfjs-node-gpu not installed');
    expect(sel.reason).toContain('@tensorflow/tfjs-node not installed');
    const line = describeBackend(sel);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/backend wasm .*npm|install @tensorflow\/tfjs-node/);
    // the wasm backend really computes
    const y = tf.matMul(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([[5], [6]]),
    );
    expect(Array.from(await y.data())).toEqual([17, 39]);
    y.dispose();
  });

  it('auto tries tfjs-node-gpu first, then tfjs-node, and uses the first that loads', async () => {
    const tried: string[] = [];
    const sel = await selectBackend('auto', {
      importer: async (spec) => {
        tried.push(spec);
        if (spec === '@tensorflow/tfjs-node-gpu') throw notInstalled(spec);
        if (tf.findBackend('tensorflow') === null) tf.registerBackend('tensorflow', () => new MathBackendCPU());
        return {};
      },
    });
    expect(tried).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    expect(sel).toMatchObject({ name: 'tensorflow', reason: 'auto: @tensorflow/tfjs-node is installed' });
    expect(sel.hint).toBeUndefined();
    expect(tf.getBackend()).toBe('tensorflow');
    tf.removeBackend('tensorflow');
  });

  it('explicit tensorflow without the native packages is an error naming what to install', async () => {
    const err = await selectBackend('tensorflow').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    const msg = (err as Error).message;
    expect(msg).toContain('npm install @tensorflow/tfjs-node-gpu');
    expect(msg).toContain('npm install @tensorflow/tfjs-node ');
    expect(msg).toContain('CUDA');
    expect(msg).toContain('network');
  });

  it('cpu and wasm can be chosen explicitly', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect((await selectBackend('wasm')).name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });
});
