import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { Command } from 'commander';
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { container } from 'tsyringe';
import { saveModelToDir, type CliEnv } from '@rankbias/core';
import { loadSavedModel } from '../../src/io/load-model.js';
import { inspectModel, registerInspectCommand, type ModelInspection } from '../../src/commands/inspect.js';

function mlSvd(rows: number[][]): number[] {
  return new SingularValueDecomposition(new MlMatrix(rows), { autoTranspose: true }).diagonal.sort((a, b) => b - a);
}

describe('rankbias inspect', () => {
  let dir: string;
  let kernels: Record<string, number[][]>;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ inputShape: [6, 6, 2], filters: 4, kernelSize: 3, name: 'conv' }),
        tfl.layers.flatten({ name: 'flat' }),
        tfl.layers.dense({ units: 5, name: 'hidden', activation: 'relu' }),
        tfl.layers.dense({ units: 3, name: 'out' }),
      ],
    });
    // a rank-2 dense kernel: outer products of two vectors each
    const rank2 = Array.from({ length: 64 }, (_, i) =>
      Array.from({ length: 5 }, (_, j) => Math.sin(i + 1) * (j + 1) + Math.cos(i) * (j === 2 ? 3 : -1)),
    );
    model.getLayer('hidden').setWeights([tf.tensor2d(rank2), tf.zeros([5])]);
    kernels = {
      conv: (await tf.reshape(model.getLayer('conv').getWeights()[0]!, [18, 4]).array()) as number[][],
      hidden: rank2,
      out: (await model.getLayer('out').getWeights()[0]!.array()) as number[][],
    };
    dir = join(mkdtempSync(join(tmpdir(), 'rankbias-inspect-')), 'model');
    await saveModelToDir(model, dir);
  });

  it('loads the saved model from disk and reports every kernel against an ml-matrix SVD', async () => {
    const model = await loadSavedModel(join(dir, 'model.json'));
    const items = await inspectModel(model, 3);
    expect(items.map((i) => [i.layer, i.weight, i.shape.join('x'), i.matrix.join('x')])).toEqual([
      ['conv', 'conv/kernel', '3x3x2x4', '18x4'],
      ['hidden', 'hidden/kernel', '64x5', '64x5'],
      ['out', 'out/kernel', '5x3', '5x3'],
    ]);
    for (const item of items) {
      const s = mlSvd(kernels[item.layer]!);
      const t = s.reduce((a, b) => a + b, 0);
      item.topSingularValues.forEach((v, i) => expect(v).toBeCloseTo(s[i]!, 3));
      expect(item.effectiveRank).toBeCloseTo(
        Math.exp(-s.reduce((a, v) => a + (v > 0 ? (v / t) * Math.log(v / t) : 0), 0)),
        3,
      );
      expect(item.stableRank).toBeCloseTo(s.reduce((a, v) => a + v * v, 0) / s[0]! ** 2, 3);
      expect(item.nuclearFrobenius).toBeCloseTo(t / Math.hypot(...s), 3);
    }
    expect(items[1]!.numericalRank).toBe(2);
    model.dispose();
  });

  it('prints a table, or JSON with --json', async () => {
    const lines: string[] = [];
    const env: CliEnv = {
      container,
      out: (l) => lines.push(l),
      err: (l) => lines.push(`ERR ${l}`),
      setExitCode: () => {},
    };
    const program = new Command().exitOverride();
    registerInspectCommand(program, env);
    await program.parseAsync(['inspect', dir], { from: 'user' });
    expect(lines[0]).toMatch(
      /^layer\s+weight\s+shape\s+matrix\s+erank\s+stable rank\s+nuc\/fro\s+rank\s+top singular values$/,
    );
    expect(lines.find((l) => l.startsWith('hidden'))).toMatch(
      /^hidden\s+hidden\/kernel\s+64x5\s+64x5\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+2\s/,
    );
    lines.length = 0;
    await program.parseAsync(['inspect', join(dir, 'model.json'), '--json'], { from: 'user' });
    const parsed = JSON.parse(lines.join('\n')) as { models: ModelInspection[] };
    expect(parsed.models).toHaveLength(1);
    expect(parsed.models[0]!.weights).toHaveLength(3);
    expect(parsed.models[0]!.weights[2]).toMatchObject({ layer: 'out', shape: [5, 3] });
    // hidden layers: conv (4 filters) and hidden (5 units); the output layer is not hidden
    expect(parsed.models[0]!.collapse.map((c) => [c.layer, c.neurons])).toEqual([
      ['conv', 4],
      ['hidden', 5],
    ]);
  });

  it('says what is wrong with a missing or invalid model path', async () => {
    await expect(loadSavedModel(join(dir, 'nope.json'))).rejects.toThrow(/no saved model at .*nope\.json/);
    await expect(loadSavedModel(__filename)).rejects.toThrow(/cannot read .*expected a tfjs model\.json/);
  });
});
