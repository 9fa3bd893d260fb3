/** Per-kernel time of one workload step (tf.profile), to see which kernels dominate. */
import * as tf from '@tensorflow/tfjs-core';
import type { Workload } from './workloads.js';

export interface KernelShare {
  readonly kernel: string;
  readonly ms: number;
  readonly share: number;
}

/** Average kernel times over `reps` profiled steps (after `warmup` plain ones), largest first. */
export async function profileWorkload(workload: Workload, warmup = 3, reps = 3): Promise<KernelShare[]> {
  const state = await workload.setup();
  const perStep = reps * (workload.stepsPerCall ?? 1);
  try {
    for (let i = 0; i < warmup; i++) await state.step();
    const totals = new Map<string, number>();
    for (let r = 0; r < reps; r++) {
      const info = await tf.profile(async () => {
        await state.step();
      });
      for (const k of info.kernels) {
        const key = `${k.name} ${JSON.stringify(k.inputShapes[0] ?? [])}`;
        totals.set(key, (totals.get(key) ?? 0) + (Number(k.kernelTimeMs) || 0) / perStep);
      }
    }
    const sum = [...totals.values()].reduce((a, b) => a + b, 0);
    return [...totals.entries()].map(([kernel, ms]) => ({ kernel, ms, share: ms / sum })).sort((a, b) => b.ms - a.ms);
  } finally {
    state.dispose();
  }
}

export function formatProfile(label: string, shares: readonly KernelShare[], top = 10): string {
  const total = shares.reduce((a, s) => a + s.ms, 0);
  const lines = shares
    .slice(0, top)
    .map((s) => `  ${s.ms.toFixed(2).padStart(8)} ms ${(100 * s.share).toFixed(1).padStart(5)}%  ${s.kernel}`);
  return [`${label}: kernel time ${total.toFixed(1)} ms/step, top ${Math.min(top, shares.length)}:`, ...lines].join(
    '\n',
  );
}

/** Kernels run and reads of tensor data back to JavaScript (dataSync/data) per training step. */
export interface StepCounts {
  readonly kernels: number;
  readonly reads: number;
  /** Kernel count by name, per step, largest first. */
  readonly byKernel: readonly [string, number][];
}

/** Counts one call of the workload (after `warmup` calls): tf.profile for kernels, a wrapped backend for reads. */
export async function countStep(workload: Workload, warmup = 2): Promise<StepCounts> {
  const state = await workload.setup();
  const steps = workload.stepsPerCall ?? 1;
  const backend = tf.backend() as unknown as Record<'readSync' | 'read', (...args: unknown[]) => unknown>;
  const originals = { readSync: backend.readSync, read: backend.read };
  let reads = 0;
  try {
    for (let i = 0; i < warmup; i++) await state.step();
    for (const name of ['readSync', 'read'] as const) {
      const original = originals[name];
      backend[name] = function (this: unknown, ...args: unknown[]) {
        reads += 1;
        return original.apply(this, args);
      };
    }
    const info = await tf.profile(async () => {
      await state.step();
    });
    const byName = new Map<string, number>();
    for (const k of info.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + 1 / steps);
    return {
      kernels: info.kernels.length / steps,
      reads: reads / steps,
      byKernel: [...byName.entries()].sort((a, b) => b[1] - a[1]),
    };
  } finally {
    backend.readSync = originals.readSync;
    backend.read = originals.read;
    state.dispose();
  }
}

export function formatCounts(label: string, counts: StepCounts, top = 12): string {
  const kinds = counts.byKernel
    .slice(0, top)
    .map(([name, n]) => `${name} ${Number.isInteger(n) ? n : n.toFixed(2)}`)
    .join(', ');
  return `${label}: ${counts.kernels.toFixed(1)} kernels/step, ${counts.reads.toFixed(2)} host reads/step (${kinds})`;
}
