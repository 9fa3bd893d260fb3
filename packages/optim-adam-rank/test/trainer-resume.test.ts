import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { container } from 'tsyringe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRegistry, register as registerCore, resolveConfig, runTraining, type Callback } from '@rankbias/core';
import { register as registerData } from '@rankbias/data-synthetic';
import { register as registerPenalties } from '@rankbias/reg-depth-mirror';
import { register } from '../src/index.js';

const dirs: string[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function registry(): PluginRegistry {
  const c = container.createChildContainer();
  registerCore(c);
  registerData(c);
  registerPenalties(c);
  register(c);
  return new PluginRegistry(c);
}

const config = (optimizer: Record<string, unknown>) => ({
  seed: 1,
  backend: 'cpu',
  data: { use: 'matrix-completion', size: 10, rank: 2, observed: 50 },
  model: { use: 'matrix-factorization', size: 10, depth: 2, initScale: 0.1 },
  optimizer,
  penalties: [{ use: 'depth-mirror', weight: 1e-3, select: ['end-to-end'] }],
  metrics: [{ use: 'matrix-completion-error', topK: 2 }],
  loggers: [],
  train: { steps: 12, batchSize: 'full', checkpointEvery: 5, evalEvery: 0 },
});

async function run(cfg: object, outDir: string, options: { resume?: boolean; callbacks?: Callback[] } = {}) {
  const reg = registry();
  return runTraining(resolveConfig(cfg, reg), { container: reg.container, backend: 'cpu', outDir, ...options });
}

describe('exact resume through the rankbias trainer', () => {
  for (const optimizer of [
    { use: 'adam', lr: 0.01 },
    { use: 'adamw', lr: { type: 'cosine', init: 0.02, decaySteps: 12 }, weightDecay: 0.1 },
    { use: 'gd', lr: 0.5, momentum: 0.9 },
  ]) {
    it(`${optimizer.use}: crash after step 7, resume from the step-5 checkpoint = uninterrupted run`, async () => {
      const cfg = config(optimizer);
      const straightDir = mkdtempSync(join(tmpdir(), 'rb-straight-'));
      const brokenDir = mkdtempSync(join(tmpdir(), 'rb-broken-'));
      dirs.push(straightDir, brokenDir);
      const straight = await run(cfg, straightDir);
      const crash: Callback = {
        onStepEnd: (_ctx, record) => {
          if (record.step === 7) throw new Error('simulated crash');
        },
      };
      await expect(run(cfg, brokenDir, { callbacks: [crash] })).rejects.toThrow(/simulated crash/);
      const resumed = await run(cfg, brokenDir, { resume: true });
      expect(resumed.status).toBe('completed');
      expect(resumed.final).toEqual(straight.final);
    });
  }
});
