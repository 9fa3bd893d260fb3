import type { TaskKind } from '../contracts/dataset.js';
import type { Rng } from '../rng/rng.js';

/**
 * Symmetric label noise: with probability `probability` the label is replaced
 * by a different class drawn uniformly from the other `classes − 1`. One
 * uniform draw per example decides, a second picks the class (only when
 * replaced), so every batch redraws the noise from its own generator.
 */
export function noisyLabel(label: number, classes: number, probability: number, rng: Rng): number {
  if (probability <= 0 || classes < 2) return label;
  if (rng.next() >= probability) return label;
  const other = rng.int(classes - 1);
  return other >= label ? other + 1 : other;
}

/**
 * Applies training-time label noise to a batch's targets in place, drawing
 * from `rng` (so every batch redraws it):
 * - `classification`: with probability σ the class is replaced by a different one (`noisyLabel`);
 * - `binary`: with probability σ the ±1 label is flipped;
 * - `regression`: N(0, σ²) is added to every target (label-noise SGD).
 */
export function applyLabelNoise(
  task: TaskKind,
  y: Float32Array | Int32Array,
  sigma: number,
  classes: number,
  rng: Rng,
): void {
  if (sigma <= 0) return;
  for (let i = 0; i < y.length; i++) {
    if (task === 'regression') y[i]! += sigma * rng.normal();
    else if (task === 'classification') y[i] = noisyLabel(y[i]!, classes, sigma, rng);
    else if (rng.next() < sigma) y[i] = -y[i]!;
  }
}
