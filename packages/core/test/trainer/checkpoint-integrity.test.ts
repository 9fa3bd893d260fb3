import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../src/contracts/callback.js';
import { isInputError } from '../../src/errors/input-error.js';
import { runTraining } from '../../src/trainer/index.js';
import { toPlainConfig } from '../../src/config/resolve.js';
import { baseRawConfig, resolveFixture } from '../fixtures/trainer/configs.js';
import { tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

const raw = baseRawConfig({
  train: { steps: 12, batchSize: 16, evalEvery: 4, checkpointEvery: 4, logEvery: 1, evalBatchSize: 16 },
});
const stopAt6: Callback = { onStepEnd: (ctx) => (ctx.step === 6 ? ctx.requestStop('test stop') : undefined) };

/** A run stopped at step 6 with its checkpoint; returns the run directory. */
async function stoppedRun(): Promise<string> {
  const container = fixtureContainer();
  const dir = tempRunDir('stopped');
  const result = await runTraining(resolveFixture(container, raw), {
    container,
    outDir: dir,
    backend: 'cpu',
    callbacks: [stopAt6],
  });
  expect(result.status).toBe('stopped');
  return dir;
}

/** The error resuming `dir` throws; checks it is a one-line input error saying how to start fresh. */
async function resumeRefusal(dir: string, rawConfig = raw, backend = 'cpu'): Promise<string> {
  const container = fixtureContainer();
  const metricsBefore = readFileSync(join(dir, 'metrics.jsonl'), 'utf8');
  const error = await runTraining(resolveFixture(container, rawConfig), {
    container,
    outDir: dir,
    resume: true,
    backend,
  }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error).toBeDefined();
  expect(isInputError(error)).toBe(true);
  expect(error!.message).not.toContain('\n');
  expect(error!.message).toMatch(/To start fresh, delete .*checkpoints\/latest and run again, or run without --resume/);
  // nothing already written is lost
  expect(readFileSync(join(dir, 'metrics.jsonl'), 'utf8')).toBe(metricsBefore);
  return error!.message;
}

const latest = (dir: string) => join(dir, 'checkpoints', 'latest');

describe('checkpoint integrity', () => {
  beforeAll(useCpu);

  it('refuses a weights file overwritten with other bytes of the same size', async () => {
    const dir = await stoppedRun();
    const file = join(latest(dir), 'variables.bin');
    const bytes = readFileSync(file);
    bytes[0] = bytes[0]! ^ 0xff;
    writeFileSync(file, bytes);
    expect(statSync(file).size).toBe(bytes.byteLength);
    expect(await resumeRefusal(dir)).toMatch(/variables\.bin does not match the sha256 in its manifest/);
  });

  it('refuses a manifest whose step was edited, and a truncated manifest', async () => {
    const dir = await stoppedRun();
    const manifest = join(latest(dir), 'manifest.json');
    const original = readFileSync(manifest, 'utf8');
    const edited = JSON.parse(original) as { state: { step: number } };
    edited.state.step = 2;
    writeFileSync(manifest, JSON.stringify(edited, null, 1));
    expect(await resumeRefusal(dir)).toMatch(/manifest\.json does not match manifest\.sha256/);
    writeFileSync(manifest, original.slice(0, original.length >> 1));
    expect(await resumeRefusal(dir)).toMatch(/manifest\.json does not match manifest\.sha256/);
  });

  it('refuses a checkpoint written by another config or another backend', async () => {
    const dir = await stoppedRun();
    expect(await resumeRefusal(dir, raw, 'wasm')).toMatch(/written on backend cpu, this run uses wasm/);
    // config.json edited to match a changed config: the checkpoint's own hash still tells them apart
    const changed = { ...raw, optimizer: { use: 'tfjs-adam', lr: 0.5 } };
    const plain = toPlainConfig(resolveFixture(fixtureContainer(), changed));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(plain, null, 2));
    expect(await resumeRefusal(dir, changed)).toMatch(
      /written by another config \(hash [0-9a-f]{12}, current [0-9a-f]{12}\)/,
    );
  });

  it('an intact checkpoint still resumes, and deleting a damaged one starts fresh', async () => {
    const dir = await stoppedRun();
    const container = fixtureContainer();
    const config = resolveFixture(container, raw);
    expect((await runTraining(config, { container, outDir: dir, resume: true, backend: 'cpu' })).status).toBe(
      'completed',
    );
    writeFileSync(join(latest(dir), 'optimizer.bin'), 'x');
    await resumeRefusal(dir);
    rmSync(latest(dir), { recursive: true });
    expect((await runTraining(config, { container, outDir: dir, backend: 'cpu' })).steps).toBe(12);
  });
});
