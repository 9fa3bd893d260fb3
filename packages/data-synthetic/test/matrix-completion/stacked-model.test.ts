import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { container } from 'tsyringe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  corePlugins,
  definePlugin,
  loadCheckpoint,
  PluginRegistry,
  registerPlugin,
  resolveConfig,
  runTraining,
  trainBatched,
  z,
  type LogRecord,
  type NamedTensor,
} from '@rankbias/core';
import { matrixCompletionPlugins } from '../../src/matrix-completion/plugins.js';

/** ‖W‖_F² summed over the weights: a smooth coupled penalty, so that the batched tape handles penalty terms per run. */
const froSquaredValue = (weights: readonly NamedTensor[]) =>
  tf.addN(weights.map((w) => tf.sum(tf.square(w.tensor)))) as tf.Scalar;

/** The same per run of `[runs, ...]` stacks, counting its calls. */
let stackedCalls = 0;
const froSquaredStackedValue = (weights: readonly NamedTensor[], runs: number) => {
  stackedCalls += 1;
  return tf.addN(weights.map((w) => tf.sum(tf.reshape(tf.square(w.tensor), [runs, -1]), 1))) as tf.Tensor1D;
};

/** The penalty `test-fro-squared`, and `test-fro-squared-stacked` with `stackedValue` (batched runs call it once). */
const [froSquared, froSquaredStacked] = [false, true].map((stacked) =>
  definePlugin({
    kind: 'penalty',
    name: stacked ? 'test-fro-squared-stacked' : 'test-fro-squared',
    description: `squared Frobenius norm${stacked ? ' with stackedValue' : ''} (test fixture)`,
    package: '@rankbias/data-synthetic',
    options: z.strictObject({}),
    create: () =>
      stacked ? { value: froSquaredValue, stackedValue: froSquaredStackedValue } : { value: froSquaredValue },
  }),
);

const root = mkdtempSync(join(tmpdir(), 'rankbias-batched-'));
const child = container.createChildContainer();
for (const f of [...corePlugins(), ...matrixCompletionPlugins, froSquared!, froSquaredStacked!])
  registerPlugin(child, f);
const registry = new PluginRegistry(child);

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function config(seed: number, optimizer: Record<string, unknown>, depth: number, penalty = 'test-fro-squared') {
  return resolveConfig(
    {
      name: 'batched',
      seed,
      backend: 'cpu',
      data: { use: 'matrix-completion', size: 12, rank: 2, observed: 60 },
      model: { use: 'matrix-factorization', size: 12, depth, initScale: 0.1 },
      optimizer,
      penalties: [{ use: penalty, weight: 0.01, select: ['end-to-end'] }],
      metrics: [{ use: 'matrix-completion-error', topK: 3 }],
      loggers: [{ use: 'jsonl' }],
      train: { steps: 20, batchSize: 'full', evalEvery: 5, logEvery: 5, checkpointEvery: 10 },
    },
    registry,
  );
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function records(dir: string): LogRecord[] {
  return readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogRecord);
}

function expectClose(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): void {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const key of Object.keys(a)) expect(a[key]!, key).toBeCloseTo(b[key]!, 5);
}

function expectTensorsClose(a: { name: string; tensor: tf.Tensor }[], b: { name: string; tensor: tf.Tensor }[]): void {
  expect(a.map((t) => t.name)).toEqual(b.map((t) => t.name));
  a.forEach((t, i) => {
    const x = t.tensor.dataSync();
    const y = b[i]!.tensor.dataSync();
    const scale = Math.max(1e-6, ...Array.from(y, Math.abs));
    x.forEach((v, j) => expect(Math.abs(v - y[j]!) / scale, `${t.name}[${j}]`).toBeLessThan(1e-5));
  });
}

describe('trainBatched (matrix-factorization)', () => {
  for (const [label, optimizer, depth, penalty] of [
    ['tfjs-adam, depth 2', { use: 'tfjs-adam', lr: 0.01 }, 2, 'test-fro-squared'],
    ['sgd, depth 3', { use: 'sgd', lr: 2 }, 3, 'test-fro-squared'],
    ['tfjs-adam, depth 2, a penalty with stackedValue', { use: 'tfjs-adam', lr: 0.01 }, 2, 'test-fro-squared-stacked'],
  ] as const) {
    it(`trains 3 seeds as one batch with the results and run directories of separate runs (${label})`, async () => {
      const seeds = [0, 1, 2];
      const tag = label.replace(/\W+/g, '-');
      const alone = seeds.map((s) => join(root, `${tag}-alone-${s}`));
      const batched = seeds.map((s) => join(root, `${tag}-batched-${s}`));
      for (const [k, s] of seeds.entries()) {
        await runTraining(config(s, optimizer, depth, penalty), {
          container: child,
          backend: 'cpu',
          outDir: alone[k]!,
        });
      }
      const callsBefore = stackedCalls;
      const results = await trainBatched(
        seeds.map((s) => config(s, optimizer, depth, penalty)),
        { container: child, backend: 'cpu', outDirs: batched },
      );
      // One stacked call per training step (20), none alone; the plain penalty is called per run.
      expect(stackedCalls - callsBefore).toBe(penalty === 'test-fro-squared-stacked' ? 20 : 0);
      expect(results.map((r) => r.error?.message)).toEqual([undefined, undefined, undefined]);
      expect(results.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
      for (const k of seeds.keys()) {
        expect(files(batched[k]!)).toEqual(files(alone[k]!));
        expect(readFileSync(join(batched[k]!, 'config.json'), 'utf8')).toBe(
          readFileSync(join(alone[k]!, 'config.json'), 'utf8'),
        );
        const a = records(alone[k]!);
        const b = records(batched[k]!);
        expect(b.map((r) => [r.step, r.kind])).toEqual(a.map((r) => [r.step, r.kind]));
        b.forEach((r, i) => expectClose(r.values, a[i]!.values));
        const ra = JSON.parse(readFileSync(join(alone[k]!, 'result.json'), 'utf8'));
        const rb = JSON.parse(readFileSync(join(batched[k]!, 'result.json'), 'utf8'));
        expect([rb.status, rb.steps, rb.seed]).toEqual([ra.status, ra.steps, ra.seed]);
        expectClose(rb.final, ra.final);
        const ca = loadCheckpoint(join(alone[k]!, 'checkpoints', 'latest'));
        const cb = loadCheckpoint(join(batched[k]!, 'checkpoints', 'latest'));
        expectTensorsClose(cb.variables, ca.variables);
        expectTensorsClose(cb.optimizer, ca.optimizer);
        expect(cb.state.step).toBe(ca.state.step);
        tf.dispose([...ca.variables, ...ca.optimizer, ...cb.variables, ...cb.optimizer].map((t) => t.tensor));
      }
      // Different seeds really are different runs (the test would pass trivially otherwise).
      expect(records(batched[0]!).at(-1)!.values).not.toEqual(records(batched[1]!).at(-1)!.values);
    });
  }

  it('refuses configs that differ beyond seed and name', async () => {
    await expect(
      trainBatched([config(0, { use: 'sgd', lr: 2 }, 2), config(1, { use: 'sgd', lr: 1 }, 2)], {
        container: child,
        backend: 'cpu',
        outDirs: [join(root, 'refused-0'), join(root, 'refused-1')],
      }),
    ).rejects.toThrow(/differ only in seed and name/);
  });
});
