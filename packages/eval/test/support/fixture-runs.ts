import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stableHash } from '../../src/sweep/hash.js';
import { writeSweepMeta } from '../../src/report/write-report.js';

/** What the fixture runs' result.json declares about their metrics (as the trainer writes it). */
export const FIXTURE_METRIC_INFO = {
  'test/loss': { direction: 'min', label: 'test loss', unit: '' },
  'erank/end-to-end': {
    direction: 'none',
    label: 'effective rank of end-to-end',
    unit: '',
    reference: [{ value: 5, label: 'true rank' }],
  },
  'sv/end-to-end/0': { direction: 'none', label: 'singular value end-to-end/0', unit: '' },
};

/**
 * Writes a sweep output directory by hand (sweep.json + run directories with
 * sweep-run.json, metrics.jsonl and result.json) with known values:
 * test/loss of (depth d, lr l, seed s) at step t is (1 + 0.1 s) / (1 + l t) + 0.05 d.
 */
export function writeFixtureSweep(options: { failSeed2Depth3?: boolean } = {}): string {
  const out = join(mkdtempSync(join(tmpdir(), 'rankbias-report-')), 'out');
  writeSweepMeta(out, {
    title: 'fixture sweep',
    description: 'Hand-written runs with known losses.',
    target: { metric: 'test/loss', mode: 'min', use: 'final' },
    report: { curves: ['test/loss', 'erank/end-to-end'] },
    axes: ['model.depth', 'optimizer.lr'],
  });
  for (const depth of [1, 3]) {
    for (const lr of [0.01, 0.1]) {
      const params = { 'model.depth': depth, 'optimizer.lr': lr };
      const group = stableHash(params);
      for (const seed of [0, 1, 2]) {
        const id = stableHash({ ...params, seed });
        const dir = join(out, 'runs', id);
        mkdirSync(dir, { recursive: true });
        writeFileSync(
          join(dir, 'sweep-run.json'),
          JSON.stringify({ id, group, label: `model.depth=${depth} · optimizer.lr=${lr}`, seed, params }),
        );
        const loss = (t: number) => (1 + 0.1 * seed) / (1 + lr * t) + 0.05 * depth;
        const erank = (t: number) => 5 + 20 / (1 + lr * depth * t);
        const lines = [0, 50, 100, 150, 200].map((t) =>
          JSON.stringify({
            step: t,
            kind: 'eval',
            values: { 'test/loss': loss(t), 'erank/end-to-end': erank(t) },
            time: t / 100,
          }),
        );
        writeFileSync(join(dir, 'metrics.jsonl'), lines.join('\n') + '\n');
        writeFileSync(join(dir, 'config.json'), JSON.stringify({ seed, model: { depth }, optimizer: { lr } }));
        if (options.failSeed2Depth3 && depth === 3 && seed === 2) {
          writeFileSync(
            join(dir, 'result.json'),
            JSON.stringify({
              status: 'failed',
              steps: 100,
              final: {},
              best: {},
              backend: 'cpu',
              seed,
              wallSeconds: 1,
              error: { message: 'loss is NaN' },
            }),
          );
          continue;
        }
        writeFileSync(
          join(dir, 'result.json'),
          JSON.stringify({
            status: 'completed',
            steps: 200,
            backend: 'cpu',
            seed,
            wallSeconds: 2,
            final: { 'test/loss': loss(200), 'erank/end-to-end': erank(200), 'sv/end-to-end/0': 3 },
            best: { 'test/loss': loss(200) },
            metrics: FIXTURE_METRIC_INFO,
          }),
        );
      }
    }
  }
  return out;
}
