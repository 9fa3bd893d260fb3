import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Callback } from '../../src/contracts/callback.js';
import { readMetricsFile } from '../../src/run-dir/metrics-file.js';
import { runTraining } from '../../src/trainer/index.js';
import { baseRawConfig, resolveFixture } from '../fixtures/trainer/configs.js';
import { metricsWithoutTime, tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

const raw = baseRawConfig({
  train: { steps: 40, batchSize: 16, evalEvery: 10, checkpointEvery: 11, logEvery: 1, evalBatchSize: 16 },
});

function checkpointStep(dir: string): number | undefined {
  const manifest = join(dir, 'checkpoints', 'latest', 'manifest.json');
  if (!existsSync(manifest)) return undefined;
  try {
    return JSON.parse(readFileSync(manifest, 'utf8')).state.step as number;
  } catch {
    return undefined;
  }
}

function lastLoggedStep(dir: string): number {
  const records = readMetricsFile(join(dir, 'metrics.jsonl'));
  return records.length ? records[records.length - 1]!.step : -1;
}

/**
 * Starts `npx tsx train-child.ts` in its own process group, waits until a
 * checkpoint exists and the log has moved past it, then SIGKILLs the group.
 */
async function trainAndKill(dir: string): Promise<{ killedAfterCheckpoint: number }> {
  const child = spawn('npx', ['tsx', 'test/fixtures/trainer/train-child.ts', dir, JSON.stringify(raw)], {
    cwd: packageRoot,
    env: { ...process.env, SLOW_MS: '40' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 60_000;
  let killedAfterCheckpoint = -1;
  while (Date.now() < deadline && child.exitCode === null) {
    const step = checkpointStep(dir);
    if (step !== undefined && step >= 11 && lastLoggedStep(dir) >= step + 2) {
      killedAfterCheckpoint = step;
      process.kill(-child.pid!, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 15));
  }
  const { signal, code } = await exited;
  if (killedAfterCheckpoint < 0)
    throw new Error(`child was not killed mid-run (exit ${code}, signal ${signal}): ${stderr}`);
  expect(signal).toBe('SIGKILL');
  return { killedAfterCheckpoint };
}

describe('resume after SIGKILL', () => {
  beforeAll(useCpu);

  it('continues from the latest checkpoint to exactly the metrics of an uninterrupted run', async () => {
    const container = fixtureContainer();
    const config = resolveFixture(container, raw);
    const refDir = tempRunDir('reference');
    const reference = await runTraining(config, { container, outDir: refDir, backend: 'cpu' });
    expect(reference.status).toBe('completed');

    const dir = tempRunDir('killed');
    const { killedAfterCheckpoint } = await trainAndKill(dir);
    expect(killedAfterCheckpoint).toBeLessThan(40);
    expect(existsSync(join(dir, 'result.json'))).toBe(false);
    // the log holds records written after the checkpoint: resuming must drop them
    expect(lastLoggedStep(dir)).toBeGreaterThan(checkpointStep(dir)!);

    const resumed = await runTraining(config, { container, outDir: dir, resume: true, backend: 'cpu' });
    expect(resumed.status).toBe('completed');
    expect(resumed.steps).toBe(40);
    expect(resumed.final).toEqual(reference.final);
    expect(resumed.best).toEqual(reference.best);
    const onDisk = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(onDisk.final).toEqual(reference.final);
    expect(metricsWithoutTime(dir)).toEqual(metricsWithoutTime(refDir));

    // resuming a finished run returns its result without training again
    const again = await runTraining(config, { container, outDir: dir, resume: true, backend: 'cpu' });
    expect(again.final).toEqual(reference.final);
    expect(metricsWithoutTime(dir)).toEqual(metricsWithoutTime(refDir));
  });

  it('a run stopped by a callback (e.g. Ctrl-C) resumes to the uninterrupted result, logs included', async () => {
    const container = fixtureContainer();
    const config = resolveFixture(container, raw);
    const refDir = tempRunDir('reference');
    const reference = await runTraining(config, { container, outDir: refDir, backend: 'cpu' });

    const dir = tempRunDir('stopped');
    const stopAt13: Callback = {
      onStepEnd: (ctx) => (ctx.step === 13 ? ctx.requestStop('interrupted (test)') : undefined),
    };
    const stopped = await runTraining(config, { container, outDir: dir, backend: 'cpu', callbacks: [stopAt13] });
    expect(stopped.status).toBe('stopped');
    expect(stopped.steps).toBe(13);
    // the stopped run closes with an evaluation at its last step
    expect(metricsWithoutTime(dir).at(-1)).toMatchObject({ kind: 'eval', step: 13 });

    const resumed = await runTraining(config, { container, outDir: dir, resume: true, backend: 'cpu' });
    expect(resumed.status).toBe('completed');
    expect(resumed.final).toEqual(reference.final);
    expect(resumed.best).toEqual(reference.best);
    expect(metricsWithoutTime(dir)).toEqual(metricsWithoutTime(refDir));
  });
});
