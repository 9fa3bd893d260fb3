import type { Rng, TaskKind } from '@rankbias/core';

/**
 * Applies training-time label noise to a batch's targets in place, drawing
 * from `rng` (so every batch redraws it):
 * - `classification`: with probability σ the class is replaced by a different one, uniform among the others;
 * - `binary`: with probability σ the ±1 label is flipped;
 * - `regression`: N(0, σ²) is added to every target (label-noise SGD).
 */
export function applyLabelNoise(task: TaskKind, y: Float32Array | Int32Array, sigma: number, classes: number, rng: Rng): void {
  if (sigma <= 0) return;
  for (let i = 0; i < y.length; i++) {
    if (task === 'regression') {
      y[i]! += sigma * rng.normal();
    } else if (rng.next() < sigma) {
      if (task === 'binary') {
        y[i] = -y[i]!;
      } else {
        const other = rng.int(classes - 1);
        y[i] = other >= y[i]! ? other + 1 : other;
      }
    }
  }
}
