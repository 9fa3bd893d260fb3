/** Runs bench/torch_bench.py with Debian's python3 when it has torch. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Timing } from './timing.js';

export const SYSTEM_PYTHON = '/usr/bin/python3';

export interface TorchResults {
  readonly version: string;
  readonly threads: number;
  /** The BLAS torch runs on (bench/torch_blas.py): OpenBLAS, MKL, reference BLAS or unknown. */
  readonly blas: string;
  readonly results: Record<string, Timing>;
}

/** Null plus the reason when torch is not importable. */
export function torchAvailable(): string | null {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error) return `${SYSTEM_PYTHON} not runnable (${probe.error.message})`;
  if (probe.status !== 0) return `${SYSTEM_PYTHON} has no torch (apt-get install python3-torch)`;
  return null;
}

/** Printed under any table whose torch column ran on the reference BLAS. */
export const REFERENCE_BLAS_WARNING =
  'warning: torch ran on the reference BLAS (Debian without libopenblas0), several times slower than the ' +
  'OpenBLAS or MKL every real PyTorch install uses, so the ratios flatter rankbias: apt-get install ' +
  'libopenblas0-pthread and measure again';

/**
 * Runs the PyTorch side of the given workloads (all when empty). One thread
 * everywhere unless `threads` says otherwise: the wasm backend runs on one
 * core, and CPU time per step compares only between single-threaded runs.
 */
export function runTorchBench(quick: boolean, threads: number, workloads: readonly string[] = []): TorchResults {
  const script = fileURLToPath(new URL('./torch_bench.py', import.meta.url));
  const n = String(threads > 0 ? threads : 1);
  const args = [
    script,
    '--threads',
    n,
    ...(quick ? ['--quick'] : []),
    ...(workloads.length > 0 ? ['--workloads', workloads.join(',')] : []),
  ];
  const env = { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
  const run = spawnSync(SYSTEM_PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 24, env });
  if (run.status !== 0) throw new Error(`torch_bench.py failed: ${run.stderr || run.error?.message}`);
  const parsed = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
    torch: string;
    threads: number;
    blas: string;
    results: Record<string, Timing>;
  };
  return { version: parsed.torch, threads: parsed.threads, blas: parsed.blas, results: parsed.results };
}
