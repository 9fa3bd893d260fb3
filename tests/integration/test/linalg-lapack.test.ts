/**
 * The `linalg` config key end to end: a depth-mirror run trained through
 * `trainRunInDir` (what `rankbias train` and sweep workers call) on the
 * system's LAPACK and in plain JS follows the same trajectory, records the
 * library in result.json, and a bad value is a config error. On the wasm
 * backend the same library's sgemm runs the matrix products (a depth-3
 * factorisation trained by GD) and again the trajectory is XNNPACK's.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyOverrides,
  ConfigError,
  createPluginContainer,
  float64Accelerator,
  readConfigFile,
  setFloat64Accelerator,
  trainRunInDir,
} from '@rankbias/core';
import { register as registerSynthetic } from '@rankbias/data-synthetic';
import { setWasmMatMulGemm, wasmMatMulGemm } from '@rankbias/wasm-train';
import { register as registerOptim } from '@rankbias/optim-adam-rank';
import { register as registerPenalties } from '@rankbias/reg-depth-mirror';
import { afterEach, describe, expect, it } from 'vitest';

const depth3 = fileURLToPath(new URL('../../../examples/matrix-completion-depth3-gd.yaml', import.meta.url));
const example = fileURLToPath(new URL('../../../examples/matrix-completion-depth1-penalty-adam.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rankbias-linalg-'));

function container() {
  const c = createPluginContainer({ onOverwrite: () => {} });
  registerSynthetic(c);
  registerOptim(c);
  registerPenalties(c);
  return c;
}

/** 30 steps of the example (size 40, penalty weight raised so that it matters), logging the loss every step. */
function config(linalg: string): Record<string, unknown> {
  return applyOverrides(readConfigFile(example), [
    `linalg=${linalg}`,
    'backend=cpu',
    'data.size=40',
    'data.observed=600',
    'model.size=40',
    'penalties[0].weight=0.1',
    'train.steps=30',
    'train.evalEvery=30',
    'train.logEvery=1',
  ]);
}

const trainLosses = (runDir: string) =>
  readFileSync(join(runDir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string; values: Record<string, number> })
    .filter((r) => r.kind === 'train')
    .map((r) => r.values.loss!);

afterEach(() => {
  setFloat64Accelerator(undefined);
  setWasmMatMulGemm(undefined);
});

describe('linalg: lapack | js', () => {
  it('trains the same trajectory on LAPACK and in JS, and result.json names the library', async () => {
    const said: string[] = [];
    const lapackDir = join(dir, 'lapack');
    const lapack = await trainRunInDir(config('lapack'), lapackDir, {
      container: container(),
      say: (l) => said.push(l),
    });
    expect(lapack.result.status).toBe('completed');
    expect(lapack.result.linalg).toMatch(/^LAPACK /);
    expect(said.join('\n')).toMatch(/float64 linear algebra LAPACK /);

    const jsDir = join(dir, 'js');
    const js = await trainRunInDir(config('js'), jsDir, { container: container() });
    expect(js.result.linalg).toBeUndefined();
    expect(float64Accelerator()).toBeUndefined();

    const a = trainLosses(lapackDir);
    const b = trainLosses(jsDir);
    expect(a).toHaveLength(30);
    // Same float64 subgradient up to rounding, cast to float32: the trajectories agree to float32 noise.
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-5 * Math.abs(b[i]!) + 1e-9);
    expect(a.at(-1)!).toBeLessThan(a[0]!);
  });

  it('on wasm, the matrix products run on the same library and train the same trajectory as XNNPACK', async () => {
    const depth3Config = (linalg: string) =>
      applyOverrides(readConfigFile(depth3), [
        `linalg=${linalg}`,
        'backend=wasm',
        'train.steps=40',
        'train.evalEvery=40',
        'train.logEvery=1',
      ]);
    const lapackDir = join(dir, 'wasm-lapack');
    const lapack = await trainRunInDir(depth3Config('lapack'), lapackDir, { container: container() });
    expect(lapack.result.status).toBe('completed');
    expect(wasmMatMulGemm()).toBeDefined();
    const jsDir = join(dir, 'wasm-js');
    await trainRunInDir(depth3Config('js'), jsDir, { container: container() });
    expect(wasmMatMulGemm()).toBeUndefined();

    const a = trainLosses(lapackDir);
    const b = trainLosses(jsDir);
    expect(a).toHaveLength(40);
    // sgemm and XNNPACK sum in different orders: float32 rounding apart, not a different run.
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-4 * Math.abs(b[i]!));
    expect(a.at(-1)!).toBeLessThan(a[0]!);
  });

  it('an unknown value is a config error that names the key and the choices', async () => {
    const run = trainRunInDir(config('fast'), join(dir, 'bad'), { container: container() });
    await expect(run).rejects.toBeInstanceOf(ConfigError);
    await expect(run).rejects.toThrow(/linalg[\s\S]*auto[\s\S]*js[\s\S]*lapack/);
  });
});
