/**
 * Penalty + gradient time of the depth-mirror penalty R(W) = ||W||_* / ||W||_F
 * for square N(0,1) weights, per method and backend, against PyTorch
 * (torch.linalg.svdvals + autograd) on the same machine, in one run.
 *
 *   npx tsx bench/penalty.ts                       # sizes 256,1024, 3 repetitions
 *   npx tsx bench/penalty.ts 64,256 5 --max-seconds=60
 *   npx tsx bench/penalty.ts 1024 3 --methods=gram,newton-schulz --backends=wasm --no-torch
 *
 * `jacobi` and `gram` run in plain JS (float64), the same code on every
 * backend, so they are timed once (under the cpu backend); `newton-schulz`
 * runs on the backend and is timed on cpu and wasm. A case whose time,
 * extrapolated cubically from the previous size, exceeds --max-seconds
 * (default 150) is reported as an estimate and not run. Each case runs once
 * to warm up, then repeats (at least `reps` times, or for about 3 s); the
 * table shows the minimum and the median, since other work on the machine
 * adds sporadic delays. PyTorch gets the very same float32 matrices
 * (PYTHON, default /usr/bin/python3, with Debian's python3-torch).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { selectLinalg } from '@rankbias/core';
// The workspace bench's wording of the reference-BLAS warning (bench/torch_blas.py detects the BLAS).
import { REFERENCE_BLAS_WARNING } from '../../../bench/torch.js';
import { depthMirrorOp, type ConcreteSpectralMethod } from '../src/index.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const sizes = (positional[0] ?? '256,1024').split(',').map(Number);
const reps = Number(positional[1] ?? 3);
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const maxSeconds = Number(flag('max-seconds') ?? 150);
/** Comma lists selecting cases by method / backend (default: all); --no-torch skips the PyTorch column. */
const onlyMethods = flag('methods')?.split(',');
const onlyBackends = flag('backends')?.split(',');
const withTorch = !process.argv.includes('--no-torch');

interface Case {
  readonly backend: 'cpu' | 'wasm';
  readonly method: ConcreteSpectralMethod;
  readonly label: string;
}
const allCases: Case[] = [
  { backend: 'cpu', method: 'jacobi', label: 'rankbias jacobi (JS float64, any backend)' },
  { backend: 'cpu', method: 'gram', label: 'rankbias gram (JS float64, any backend)' },
  { backend: 'cpu', method: 'newton-schulz', label: 'rankbias newton-schulz (tfjs cpu)' },
  { backend: 'wasm', method: 'newton-schulz', label: 'rankbias newton-schulz (tfjs wasm)' },
  { backend: 'cpu', method: 'lapack', label: 'rankbias lapack (float64 LAPACK, any backend)' },
];
// jacobi and gram are backend-independent JS; --backends selects only among newton-schulz cases.
const cases = allCases.filter(
  (c) =>
    (!onlyMethods || onlyMethods.includes(c.method)) &&
    (!onlyBackends || c.method !== 'newton-schulz' || onlyBackends.includes(c.backend)),
);
// The LAPACK case runs where @rankbias/linalg-lapack finds a library; otherwise its row says why not.
const lapack = await selectLinalg('auto');
const lapackMissing = lapack.name === 'lapack' ? undefined : lapack.reason;
if (!lapackMissing) console.error(`lapack: ${lapack.reason}`);

interface Row {
  n: number;
  impl: string;
  ms: number | null;
  median?: number;
  value: number | null;
  note: string;
}

function timeOnce(x: tf.Tensor, method: ConcreteSpectralMethod): { ms: number; value: number } {
  const t0 = performance.now();
  const { value, grad } = tf.valueAndGrad((w: tf.Tensor) => depthMirrorOp(w, method))(x);
  grad.dataSync();
  const v = value.dataSync()[0]!;
  const ms = performance.now() - t0;
  tf.dispose([value, grad]);
  return { ms, value: v };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function useBackend(name: 'cpu' | 'wasm'): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + sep);
  }
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

const load = loadavg()[0]!.toFixed(1);
const rows: Row[] = [];
// The matrices, shared with the PyTorch script (float32, row-major, seeded).
const matrixDir = mkdtempSync(join(tmpdir(), 'rankbias-bench-'));
const matrixFile = (n: number) => join(matrixDir, `w${n}.f32`);
await useBackend('cpu');
for (const n of sizes) {
  const w = tf.randomNormal([n, n], 0, 1, 'float32', 1);
  writeFileSync(matrixFile(n), Buffer.from((w.dataSync() as Float32Array).buffer));
  w.dispose();
}
const lastTime = new Map<string, { n: number; ms: number }>();
for (const c of cases) {
  if (!(await useBackend(c.backend))) {
    rows.push({ n: sizes[0]!, impl: c.label, ms: null, value: null, note: `${c.backend} backend did not initialise` });
    continue;
  }
  if (c.method === 'lapack' && lapackMissing) {
    rows.push({ n: sizes[0]!, impl: c.label, ms: null, value: null, note: `not run: ${lapackMissing}` });
    continue;
  }
  for (const n of sizes) {
    const prev = lastTime.get(c.label);
    const estimate = prev ? prev.ms * (n / prev.n) ** 3 : 0;
    if (estimate > maxSeconds * 1000) {
      rows.push({
        n,
        impl: c.label,
        ms: null,
        value: null,
        note: `not run: ~${(estimate / 1000).toFixed(0)} s extrapolated from n=${prev!.n}`,
      });
      continue;
    }
    const x = tf.randomNormal([n, n], 0, 1, 'float32', 1);
    const first = timeOnce(x, c.method); // includes JIT / kernel warm-up
    const times: number[] = [];
    if (first.ms < 20_000) {
      const start = performance.now();
      while (times.length < reps || (performance.now() - start < 3000 && times.length < 50))
        times.push(timeOnce(x, c.method).ms);
    }
    x.dispose();
    const ms = times.length ? Math.min(...times) : first.ms;
    lastTime.set(c.label, { n, ms });
    rows.push({
      n,
      impl: c.label,
      ms,
      median: times.length ? median(times) : undefined,
      value: first.value,
      note: times.length ? `${times.length} runs after warm-up` : 'single run',
    });
    console.error(`${c.label} n=${n}: ${ms.toFixed(1)} ms`);
  }
}

const python = process.env.PYTHON ?? '/usr/bin/python3';
let torchOnReferenceBlas = false;
try {
  if (!withTorch) throw new Error('--no-torch');
  const script = fileURLToPath(new URL('./penalty-torch.py', import.meta.url));
  const out = execFileSync(python, [script, sizes.join(','), String(Math.max(reps, 5)), matrixDir], {
    encoding: 'utf8',
  });
  for (const line of out.trim().split('\n')) {
    const r = JSON.parse(line) as {
      n: number;
      torch: string;
      dtype: string;
      min: number;
      median: number;
      runs: number;
      value: number;
      threads: number;
      blas: string;
    };
    if (r.blas === 'reference BLAS') torchOnReferenceBlas = true;
    rows.push({
      n: r.n,
      impl: `torch ${r.torch} ${r.dtype} svdvals + autograd (${r.threads} threads, ${r.blas})`,
      ms: r.min,
      median: r.median,
      value: r.value,
      note: `${r.runs} runs after warm-up`,
    });
  }
} catch (e) {
  rows.push({
    n: sizes[0]!,
    impl: 'torch',
    ms: null,
    value: null,
    note: `not run: ${(e as Error).message.split('\n')[0]}`,
  });
} finally {
  rmSync(matrixDir, { recursive: true, force: true });
}

console.log(`\nDepth-mirror penalty R(W) = ||W||_*/||W||_F: value + gradient, W ~ N(0,1) n x n`);
console.log(`(1-min load average at start: ${load} on this machine)\n`);
const fmt = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : ms.toFixed(ms < 10 ? 2 : 0));
console.log('| n | implementation | min ms | median ms | R(W) | note |');
console.log('| ---: | --- | ---: | ---: | ---: | --- |');
for (const r of [...rows].sort((a, b) => a.n - b.n)) {
  console.log(
    `| ${r.n} | ${r.impl} | ${fmt(r.ms)} | ${fmt(r.median)} | ${r.value === null ? '—' : r.value.toFixed(4)} | ${r.note} |`,
  );
}

const torchRow = (n: number) => rows.find((r) => r.n === n && r.impl.includes('float32 svdvals') && r.ms !== null);
console.log('\n| n | implementation | × torch float32 (min) |');
console.log('| ---: | --- | ---: |');
for (const r of [...rows].sort((a, b) => a.n - b.n)) {
  const t = torchRow(r.n);
  if (!t || r.ms === null || r.impl.startsWith('torch')) continue;
  console.log(`| ${r.n} | ${r.impl} | ${(r.ms / t.ms!).toFixed(2)} |`);
}
if (torchOnReferenceBlas) console.log(`\n${REFERENCE_BLAS_WARNING}`);
