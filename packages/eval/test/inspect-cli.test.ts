import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { saveModelToDir, saveWeightsToDir } from '@rankbias/core';
import { buildForCli, startRankbias } from './support/cli.js';

/**
 * `rankbias inspect` through the real binary on a model directory, a run
 * directory, a sweep directory, a weights-only model, and bad paths (exit 2,
 * one line, no stack trace).
 */
describe('rankbias inspect (CLI)', () => {
  let root: string;
  const run = async (...args: string[]) => startRankbias(['inspect', ...args], root).done;

  beforeAll(async () => {
    buildForCli();
    await tf.setBackend('cpu');
    root = mkdtempSync(join(tmpdir(), 'rankbias-inspect-cli-'));
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [4], units: 6, name: 'hidden' }),
        tfl.layers.dense({ units: 2, name: 'out' }),
      ],
    });
    await saveModelToDir(model, join(root, 'run', 'model'));
    writeFileSync(join(root, 'run', 'result.json'), '{}');
    for (const [i, seed] of [
      [0, 0],
      [1, 1],
    ] as const) {
      const dir = join(root, 'sweep', 'runs', `r${i}`);
      cpSync(join(root, 'run'), dir, { recursive: true });
      writeFileSync(
        join(dir, 'sweep-run.json'),
        JSON.stringify({ id: `r${i}`, group: 'g', label: 'adam · depth=2', seed }),
      );
    }
    mkdirSync(join(root, 'sweep', 'runs', 'unfinished'));
    // a rank-1 3x3 matrix saved without topology, as the trainer saves non-layers models
    await saveWeightsToDir(
      [
        {
          name: 'end-to-end',
          tensor: tf.tensor2d([
            [1, 2, 3],
            [2, 4, 6],
            [3, 6, 9],
          ]),
        },
      ],
      join(root, 'factors'),
    );
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'model.json'), '{"modelTopology": ');
    mkdirSync(join(root, 'empty'));
  }, 120_000);

  it('a run directory inspects its model/', async () => {
    const r = await run('run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^layer\s+weight\s+shape/m);
    expect(r.stdout).toMatch(/^hidden\s+hidden\/kernel\s+4x6/m);
    expect(r.stdout).toMatch(/^hidden layer\s+neurons\s+vanished\s+duplicates\s+independent/m);
  });

  it('a model directory and a weights-only model', async () => {
    const r = await run('run/model', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).models[0].weights.map((w: { weight: string }) => w.weight)).toEqual([
      'hidden/kernel',
      'out/kernel',
    ]);
    const f = await run('factors', '--json');
    expect(f.code).toBe(0);
    const w = JSON.parse(f.stdout).models[0].weights[0];
    expect(w).toMatchObject({ weight: 'end-to-end', numericalRank: 1, shape: [3, 3] });
    expect(w.topSingularValues[0]).toBeCloseTo(14, 4); // ‖v‖² of v = (1, 2, 3)
  });

  it('a sweep directory inspects every run that saved a model', async () => {
    const r = await run('sweep', '--json');
    expect(r.code).toBe(0);
    const models = JSON.parse(r.stdout).models as { run: { label: string; seed: number } }[];
    expect(models.map((m) => [m.run.label, m.run.seed])).toEqual([
      ['adam · depth=2', 0],
      ['adam · depth=2', 1],
    ]);
    const t = await run('sweep');
    expect(t.stdout).toContain('== adam · depth=2, seed 1');
  });

  it('a bad path or a malformed model.json: exit 2, one line, no stack trace', async () => {
    for (const [path, message] of [
      ['nope', /no such file or directory: .*nope \(give a model directory/],
      ['empty', /empty holds no model\.json, model\/ or runs\//],
      ['broken', /cannot read .*broken\/model\.json: .*JSON/],
    ] as const) {
      const r = await run(path);
      expect(r.code, `${path}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
