import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../src/contracts/callback.js';
import { runTraining } from '../../src/trainer/index.js';
import { baseRawConfig, resolveFixture } from '../fixtures/trainer/configs.js';
import { tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

const small = { steps: 6, batchSize: 16, evalEvery: 3, checkpointEvery: 2, logEvery: 1, evalBatchSize: 16 };

async function train(raw: Record<string, unknown>, outDir: string, resume = false, callbacks: Callback[] = []) {
  const container = fixtureContainer();
  return runTraining(resolveFixture(container, raw), { container, outDir, resume, backend: 'cpu', callbacks });
}

describe('run directory', () => {
  beforeAll(useCpu);

  it('writes config.json, metrics.jsonl, result.json, the checkpoint and the model', async () => {
    const dir = tempRunDir();
    await train(baseRawConfig({ train: small }), dir);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(config.model).toEqual({ use: 'fixture-mlp', hidden: 8, dropout: 0.25 });
    expect(config.penalties[0]).toEqual({ use: 'fixture-frobenius', weight: 0.01, coupling: 'coupled' });
    for (const f of [
      'metrics.jsonl',
      'result.json',
      'checkpoints/latest/manifest.json',
      'model/model.json',
      'model/weights.bin',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
  });

  it('refuses a directory holding a different config, naming both fixes', async () => {
    const dir = tempRunDir();
    await train(baseRawConfig({ train: small }), dir);
    const other = baseRawConfig({ train: { ...small, steps: 8 } });
    await expect(train(other, dir)).rejects.toThrow(
      /different config \(differs at train\.steps\).*new --out.*--resume/,
    );
    await expect(train(other, dir, true)).rejects.toThrow(/cannot resume .*differs .* at train\.steps.*--out/);
    // the existing run is untouched
    expect(JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')).steps).toBe(6);
  });

  it('resume needs a run and a checkpoint', async () => {
    await expect(train(baseRawConfig({ train: small }), tempRunDir(), true)).rejects.toThrow(
      /holds no run.*without --resume/,
    );
    const dir = tempRunDir();
    const crash: Callback = {
      onStepEnd: (ctx) => {
        if (ctx.step === 1) throw new Error('simulated crash');
      },
    };
    await expect(train(baseRawConfig({ train: small }), dir, false, [crash])).rejects.toThrow('simulated crash');
    const failed = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(failed).toMatchObject({ status: 'failed', error: { message: 'simulated crash' } });
    await expect(train(baseRawConfig({ train: small }), dir, true)).rejects.toThrow(
      /no checkpoint yet.*without --resume/,
    );
  });

  it('re-running the same config without --resume starts over', async () => {
    const dir = tempRunDir();
    const first = await train(baseRawConfig({ train: small }), dir);
    const second = await train(baseRawConfig({ train: small }), dir);
    expect(second.final).toEqual(first.final);
    const lines = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(lines.filter((l) => JSON.parse(l).step === 0)).toHaveLength(1);
  });
});
