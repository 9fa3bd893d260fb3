/**
 * Old vs new Householder tridiagonalisation (the part that dominates the
 * Gram route of the depth-mirror penalty), timed alternately in one process
 * so that load from other work hits both alike; prints the ratio per size.
 *
 *   npx tsx bench/tridiagonal.ts                 # sizes 128,256,512,1024, 5 rounds
 *   npx tsx bench/tridiagonal.ts 256,512 9
 */
import { gaussian } from '../test/support/test-matrices.js';
import { plainTridiagonal } from '../test/support/plain-tridiagonal.js';
import { householderTridiagonal } from '../src/linalg/tridiagonal.js';
import { gramMatrix } from '../src/linalg/products.js';

const sizes = (process.argv[2] ?? '128,256,512,1024').split(',').map(Number);
const rounds = Number(process.argv[3] ?? 5);

function timeOnce(reduce: typeof plainTridiagonal, a: Float64Array, n: number): number {
  const v = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const t0 = performance.now();
  reduce(n, e, d, v);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

console.log('n      plain tred2 ms   blocked ms   plain/blocked (median of per-round ratios)');
for (const n of sizes) {
  const a = gramMatrix(gaussian(n, n, n).data, n, n);
  timeOnce(plainTridiagonal, a, n);
  timeOnce(householderTridiagonal, a, n);
  const plain: number[] = [];
  const blocked: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate the order so that neither always runs first.
    let p: number;
    let b: number;
    if (r % 2 === 0) {
      p = timeOnce(plainTridiagonal, a, n);
      b = timeOnce(householderTridiagonal, a, n);
    } else {
      b = timeOnce(householderTridiagonal, a, n);
      p = timeOnce(plainTridiagonal, a, n);
    }
    plain.push(p);
    blocked.push(b);
    ratios.push(p / b);
  }
  console.log(
    `${String(n).padEnd(6)} ${median(plain).toFixed(1).padStart(14)} ${median(blocked).toFixed(1).padStart(12)} ${median(ratios).toFixed(2).padStart(8)}×`,
  );
}
