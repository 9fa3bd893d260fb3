/**
 * Penalty + gradient time of the depth-mirror penalty R(W) = ||W||_* / ||W||_F
 * for square weights, per method and backend, against PyTorch
 * (torch.linalg.svdvals + autograd) on the same machine, in one run.
 *
 *   npx tsx bench/penalty.ts              # sizes 256,1024
 *   npx tsx bench/penalty.ts 64,256 5     # sizes, repetitions
 *   PYTHON=/usr/bin/python3 (default) needs Debian's python3-torch.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { depthMirrorOp, type ConcreteSpectralMethod } from '../src/index.js';

const sizes = (process.argv[2] ?? '256,1024').split(',').map(Number);
const reps = Number(process.argv[3] ?? 3);
/** Above this many seconds for one call, a method is timed once and not repeated at larger sizes. */
const SLOW_S = 60;
const methods: ConcreteSpectralMethod[] = ['jacobi', 'gram', 'newton-schulz'];

interface Row {
  n: number;
  impl: string;
  ms: number | null;
  value: number | null;
  note?: string;
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function useBackend(name: 'cpu' | 'wasm'): Promise<boolean> {
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

const rows: Row[] = [];
for (const backend of ['cpu', 'wasm'] as const) {
  if (!(await useBackend(backend))) {
    rows.push({ n: 0, impl: `tfjs ${backend}`, ms: null, value: null, note: 'backend did not initialise' });
    continue;
  }
  const tooSlow = new Set<string>();
  for (const n of sizes) {
    const x = tf.randomNormal([n, n], 0, 1, 'float32', 1);
    for (const method of methods) {
      const impl = `tfjs ${backend} ${method}`;
      if (tooSlow.has(method)) {
        rows.push({ n, impl, ms: null, value: null, note: `skipped (> ${SLOW_S} s at a smaller size)` });
        continue;
      }
      const first = timeOnce(x, method); // includes JIT warm-up
      const times = [first.ms];
      if (first.ms < SLOW_S * 1000) for (let r = 0; r < reps; r++) times.push(timeOnce(x, method).ms);
      else tooSlow.add(method);
      const ms = times.length > 1 ? median(times.slice(1)) : first.ms;
      rows.push({ n, impl, ms, value: first.value, note: times.length > 1 ? undefined : 'single run' });
      console.error(`${impl} n=${n}: ${ms.toFixed(1)} ms`);
    }
    x.dispose();
  }
}

const python = process.env.PYTHON ?? '/usr/bin/python3';
try {
  const script = fileURLToPath(new URL('./penalty-torch.py', import.meta.url));
  const out = execFileSync(python, [script, sizes.join(','), String(reps)], { encoding: 'utf8' });
  for (const line of out.trim().split('\n')) {
    const r = JSON.parse(line) as { n: number; dtype: string; ms: number; value: number; threads: number };
    rows.push({ n: r.n, impl: `torch ${r.dtype} svdvals+autograd (${r.threads} threads)`, ms: r.ms, value: r.value });
  }
} catch (e) {
  rows.push({ n: 0, impl: 'torch', ms: null, value: null, note: `not run: ${(e as Error).message.split('\n')[0]}` });
}

console.log('\nDepth-mirror penalty R(W) = ||W||_*/||W||_F, value + gradient, W ~ N(0,1) n x n (median ms)\n');
console.log('| n | implementation | ms | R(W) | note |');
console.log('| ---: | --- | ---: | ---: | --- |');
for (const r of rows.sort((a, b) => a.n - b.n)) {
  console.log(
    `| ${r.n || ''} | ${r.impl} | ${r.ms === null ? '—' : r.ms.toFixed(1)} | ${r.value === null ? '—' : r.value.toFixed(4)} | ${r.note ?? ''} |`,
  );
}
