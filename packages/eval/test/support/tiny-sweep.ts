import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A tiny real sweep on core's gaussian-mixture + mlp: `lrs.length` groups × 1 seed, checkpoint every 5 steps. */
export function tinySweep(steps = 40, lrs: readonly number[] = [0.02, 0.1, 0.3]): Record<string, unknown> {
  return {
    name: 'tiny',
    base: {
      data: { use: 'gaussian-mixture', classes: 3, dim: 8, trainSize: 96, testSize: 48 },
      model: { use: 'mlp', hidden: [12] },
      optimizer: { use: 'sgd', lr: 0.1 },
      metrics: [{ use: 'effective-rank' }],
      train: { steps, batchSize: 32, evalEvery: 10, checkpointEvery: 5, logEvery: 5 },
    },
    grid: { 'optimizer.lr': [...lrs] },
    seeds: [0],
    report: { curves: ['test/loss', 'erank/*'] },
  };
}

/** A temporary directory holding `sweep.yaml`. */
export function sweepDir(sweep: Record<string, unknown>, prefix = 'rankbias-sweep-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'sweep.yaml'), stringify(sweep));
  return dir;
}

/** Each run's metric records without their wall-clock `time` (what must match between two ways of training). */
export function runRecords(out: string): Record<string, unknown[]> {
  const byRun: Record<string, unknown[]> = {};
  for (const id of readdirSync(join(out, 'runs')).sort()) {
    byRun[id] = readFileSync(join(out, 'runs', id, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => {
        const { time: _time, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return rest;
      });
  }
  return byRun;
}
