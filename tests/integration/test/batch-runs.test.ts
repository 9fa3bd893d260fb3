import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { container as root } from 'tsyringe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRegistry, register as registerCore, resolveConfig, runTraining } from '@rankbias/core';
import { register as registerSynthetic } from '@rankbias/data-synthetic';
import { expandSweep, runDirOf, runState, trainGroupsBatched } from '@rankbias/eval';

const dir = mkdtempSync(join(tmpdir(), 'rankbias-batch-runs-'));
const c = root.createChildContainer();
registerCore(c);
registerSynthetic(c);
const registry = new PluginRegistry(c);

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sweepFile(name: string, base: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\n${base}\nseeds: [0, 1]\n`);
  return file;
}

const MATRIX = `base:
  backend: cpu
  data: {use: matrix-completion, size: 10, rank: 2, observed: 40}
  model: {use: matrix-factorization, size: 10, depth: 1, initScale: 0.1}
  optimizer: {use: sgd, lr: 2}
  train: {steps: 12, batchSize: full, evalEvery: 4, logEvery: 4}
grid:
  model.depth: [1, 2]`;

describe('trainGroupsBatched (compare --batch-runs)', () => {
  it("trains each group's seeds as one batch, with the final metrics of runs trained alone", async () => {
    const sweep = expandSweep(sweepFile('matrix', MATRIX), registry);
    const out = join(dir, 'matrix-out');
    const lines: string[] = [];
    const outcome = await trainGroupsBatched(sweep.runs, out, c, (l) => lines.push(l));
    expect(outcome).toEqual({ runs: 4, batches: 2 });
    expect(lines.filter((l) => /2 seeds trained as one batch/.test(l))).toHaveLength(2);
    for (const run of sweep.runs) {
      expect(runState(runDirOf(out, run))).toBe('completed');
      const alone = await runTraining(resolveConfig(run.config as Record<string, unknown>, registry), {
        container: c,
        backend: 'cpu',
        outDir: join(dir, `alone-${run.id}`),
        loggers: [],
      });
      const batched = JSON.parse(readFileSync(join(runDirOf(out, run), 'result.json'), 'utf8'));
      for (const [key, value] of Object.entries(alone.final)) expect(batched.final[key], key).toBeCloseTo(value, 5);
    }
    // Done runs are not trained again.
    expect(await trainGroupsBatched(sweep.runs, out, c, () => {})).toEqual({ runs: 0, batches: 0 });
  });

  it('leaves groups whose model does not stack to the executor, writing no result', async () => {
    const sweep = expandSweep(
      sweepFile(
        'mlp',
        `base:\n  backend: cpu\n  data: {use: gaussian-mixture, classes: 2, dim: 4}\n  model: {use: mlp, hidden: [4]}\n  optimizer: {use: sgd, lr: 0.1}\n  train: {steps: 2}`,
      ),
      registry,
    );
    const out = join(dir, 'mlp-out');
    const lines: string[] = [];
    expect(await trainGroupsBatched(sweep.runs, out, c, (l) => lines.push(l))).toEqual({ runs: 0, batches: 0 });
    expect(lines.join('\n')).toMatch(/run by run \(model "mlp" cannot be stacked/);
    for (const run of sweep.runs) expect(runState(runDirOf(out, run))).toBe('pending');
  });
});
