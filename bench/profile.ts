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
  const state = workload.setup();
  try {
    for (let i = 0; i < warmup; i++) state.step();
    const totals = new Map<string, number>();
    for (let r = 0; r < reps; r++) {
      const info = await tf.profile(() => {
        state.step();
      });
      for (const k of info.kernels) {
        const key = `${k.name} ${JSON.stringify(k.inputShapes[0] ?? [])}`;
        totals.set(key, (totals.get(key) ?? 0) + (Number(k.kernelTimeMs) || 0) / reps);
      }
    }
    const sum = [...totals.values()].reduce((a, b) => a + b, 0);
    return [...totals.entries()]
      .map(([kernel, ms]) => ({ kernel, ms, share: ms / sum }))
      .sort((a, b) => b.ms - a.ms);
  } finally {
    state.dispose();
  }
}

export function formatProfile(label: string, shares: readonly KernelShare[], top = 10): string {
  const total = shares.reduce((a, s) => a + s.ms, 0);
  const lines = shares
    .slice(0, top)
    .map((s) => `  ${s.ms.toFixed(2).padStart(8)} ms ${(100 * s.share).toFixed(1).padStart(5)}%  ${s.kernel}`);
  return [`${label}: kernel time ${total.toFixed(1)} ms/step, top ${Math.min(top, shares.length)}:`, ...lines].join('\n');
}
