import type { Rng } from '@rankbias/core';

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
