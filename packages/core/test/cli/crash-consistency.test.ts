import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createRng } from '../../src/rng/rng.js';
import { finished, startRankbias } from './run-rankbias.js';

/** Kills per test run (each at a seeded random point) before the run is let finish. */
const KILLS = 4;
const STEPS = 300;

function lastStep(file: string): number {
  if (!existsSync(file)) return -1;
  const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
  try {
    return lines.length ? (JSON.parse(lines.at(-1)!) as { step: number }).step : -1;
  } catch {
    return -1; // a half-written last line
  }
}

/** metrics.jsonl without wall-clock times. */
function records(dir: string): unknown[] {
  return readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const { time: _time, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
}

/** result.json without wall-clock seconds. */
function result(dir: string): Record<string, unknown> {
  const { wallSeconds: _w, ...rest } = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return rest;
}

const hasCheckpoint = (dir: string) =>
  ['latest', 'latest.previous'].some((d) => existsSync(join(dir, 'checkpoints', d, 'manifest.json')));

describe('crash consistency of rankbias train', () => {
  it(`SIGKILLed ${KILLS} times at random points, the resumed run writes exactly the uninterrupted run's result and metrics`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-crash-'));
    const config = join(dir, 'run.yaml');
    writeFileSync(
      config,
      stringify({
        seed: 3,
        data: { use: 'gaussian-mixture', classes: 3, dim: 6, trainSize: 96, testSize: 48 },
        model: { use: 'mlp', hidden: [8] },
        optimizer: { use: 'tfjs-adam', lr: 0.01 },
        train: { steps: STEPS, batchSize: 16, evalEvery: 40, checkpointEvery: 15, logEvery: 1 },
        loggers: [{ use: 'jsonl' }],
      }),
    );
    const train = (out: string, resume: boolean) =>
      startRankbias(['train', config, '--out', out, '--backend', 'cpu', ...(resume ? ['--resume'] : [])], dir);

    const reference = join(dir, 'reference');
    const ref = await finished(train(reference, false));
    expect(ref.code, ref.stderr).toBe(0);

    const crashed = join(dir, 'crashed');
    const rng = createRng(20261202);
    const killedAt: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const child = train(crashed, hasCheckpoint(crashed));
      const exit = finished(child);
      // a random step past the last one logged (or, once in a while, before training starts)
      const target =
        rng.next() < 0.2
          ? -1
          : Math.min(STEPS - 1, lastStep(join(crashed, 'metrics.jsonl')) + 1 + Math.floor(rng.next() * 60));
      const deadline = Date.now() + 120_000;
      while (child.exitCode === null && Date.now() < deadline && lastStep(join(crashed, 'metrics.jsonl')) < target) {
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill('SIGKILL');
      const run = await exit;
      killedAt.push(lastStep(join(crashed, 'metrics.jsonl')));
      if (run.code === 0) break; // finished before the kill landed: nothing left to resume
      expect(run.code, run.stderr).toBeNull();
    }
    const last = await finished(train(crashed, hasCheckpoint(crashed)));
    expect(last.code, `${last.stderr} (killed at steps ${killedAt.join(', ')})`).toBe(0);

    console.log(`crash consistency: ${killedAt.length} kills, last logged steps ${killedAt.join(', ')}`);
    expect(result(crashed)).toEqual(result(reference));
    expect(records(crashed)).toEqual(records(reference));
    expect(killedAt.length).toBeGreaterThan(1);
  }, 600_000);
});
