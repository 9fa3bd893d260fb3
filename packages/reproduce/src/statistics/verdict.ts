import type { Criterion } from '../definitions/schema.js';
import type { Estimate } from './estimate.js';

/**
 * - `agrees`: the whole 95% interval satisfies the criterion;
 * - `partly`: the estimate does, the interval does not (or there is no interval: one seed);
 * - `disagrees`: the estimate does not;
 * - `not run`: no finished run gives the statistic.
 */
export type Verdict = 'agrees' | 'partly' | 'disagrees' | 'not run';

export function verdictOf(e: Estimate, c: Criterion): Verdict {
  if (!Number.isFinite(e.value)) return 'not run';
  const ok = (x: number) => ('below' in c ? x < c.below : x > c.above);
  if (!ok(e.value)) return 'disagrees';
  const worst = 'below' in c ? e.high : e.low;
  return Number.isFinite(worst) && ok(worst) ? 'agrees' : 'partly';
}

/** The criterion in words, e.g. "< 0.1". */
export function formatCriterion(c: Criterion): string {
  return 'below' in c ? `< ${c.below}` : `> ${c.above}`;
}
