/**
 * Where the LAPACK route of the spectral penalties spends a call, per matrix size: value + gradient of the
 * depth-mirror ratio (`hostSpectral`, what `depth-mirror` and `nuclear` run per weight and step with
 * `linalg: auto`), and inside it the decomposition (dsyrk + dsyevd), the two dgemm of U Vᵀ = A V Σ⁻¹ Vᵀ, and
 * the rest (the float64 passes in JavaScript). Where a C compiler and OpenBLAS are present, the same dsyrk +
 * dsyevd called from C (`bench/lapack-native.c`) runs alongside: the decomposition's time is LAPACK's own,
 * not the binding's. That work is per matrix, so K batched runs do it K times (docs/performance.md, "The floor").
 *
 *   npx tsx bench/lapack-route.ts                 # sizes 50,100 (the default sweep's and the seed's weights)
 *   npx tsx bench/lapack-route.ts 50,100,200 5    # sizes, rounds (default 9; about 0.3 s per case each; medians shown)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { float64Accelerator, selectLinalg } from '@rankbias/core';
import { median } from '../../../bench/timing.js';
import { hostSpectral } from '../src/ops/spectral-ops.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const sizes = (positional[0] ?? '50,100').split(',').map(Number);
const rounds = Number(positional[1] ?? 9);
if (sizes.some((n) => !Number.isInteger(n) || n < 2) || !(Number.isInteger(rounds) && rounds >= 1)) {
  throw new Error('usage: npx tsx bench/lapack-route.ts [sizes, e.g. 50,100] [rounds >= 1]');
}

const choice = await selectLinalg('auto');
const accelerator = float64Accelerator();
if (!accelerator) {
  throw new Error(`no LAPACK route (${choice.reason}): npm install @rankbias/linalg-lapack and a LAPACK library`);
}

/** The C reference, compiled once into a temporary directory; undefined (with the reason printed) when it cannot be. */
function nativeReference(): { time: (n: number, reps: number) => number; dispose: () => void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-lapack-native-'));
  const binary = join(dir, 'lapack-native');
  const source = fileURLToPath(new URL('./lapack-native.c', import.meta.url));
  try {
    execFileSync('cc', ['-O2', source, '-o', binary, '-l:libopenblas.so.0'], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    console.log(`(no C reference: cc with OpenBLAS failed: ${String(e).split('\n')[0]})`);
    return undefined;
  }
  return {
    time: (n, reps) => Number(execFileSync(binary, [String(n), String(reps), '1'], { encoding: 'utf8' }).trim()),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Microseconds per call of `f`, repeated for about `budgetMs` after one warm-up call. */
function microseconds(f: () => void, budgetMs = 300): number {
  f();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    f();
    calls++;
  }
  return ((performance.now() - start) / calls) * 1000;
}

/** A seeded matrix of uniform entries in [-0.5, 0.5), as float32 values (a tensor's); lapack-native.c draws the same. */
function seeded(n: number): Float32Array {
  const values = new Float32Array(n * n);
  let state = 1;
  for (let i = 0; i < values.length; i++) {
    state = (state * 16807) % 2147483647;
    values[i] = state / 2147483647 - 0.5;
  }
  return values;
}

const native = nativeReference();
console.log(`${accelerator.name}; load average ${loadavg()[0]!.toFixed(2)}; medians of ${rounds} rounds, µs per call`);
const rows: string[] = [];
try {
  for (const n of sizes) {
    const values = seeded(n);
    const a = Float64Array.from(values);
    const gradient = new Float32Array(n * n);
    const vectors = new Float64Array(n * n);
    const [product, polar] = [new Float64Array(n * n), new Float64Array(n * n)];
    const tolerance = n * 2 ** -23;
    const samples = { route: [] as number[], eigen: [] as number[], gemm: [] as number[], c: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      // Side by side in each round: the machine's load drifts, so the shares come from the same stretch of time.
      samples.route.push(microseconds(() => hostSpectral('ratio', values, n, n, 'lapack', tolerance, gradient)));
      samples.eigen.push(microseconds(() => accelerator.gramEigen(a, n, n, vectors)));
      samples.gemm.push(
        microseconds(() => {
          accelerator.multiply(a, vectors, n, n, n, product);
          accelerator.multiply(product, vectors, n, n, n, polar);
        }),
      );
      if (native) samples.c.push(native.time(n, Math.max(20, Math.round(2e8 / n ** 3))));
    }
    const [route, eigen, gemm] = [median(samples.route), median(samples.eigen), median(samples.gemm)];
    const rest = route - eigen - gemm;
    const pct = (x: number) => `${((100 * x) / route).toFixed(0)}%`;
    rows.push(
      `| ${n}×${n} | ${route.toFixed(0)} | ${eigen.toFixed(0)} (${pct(eigen)}) | ` +
        `${native ? median(samples.c).toFixed(0) : 'n/a'} | ${gemm.toFixed(0)} (${pct(gemm)}) | ${rest.toFixed(0)} (${pct(rest)}) |`,
    );
  }
} finally {
  native?.dispose();
}
console.log('\n| matrix | value + gradient | dsyrk + dsyevd | the same from C | 2 dgemm | float64 passes in JS |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
