import { matchesAny } from '@rankbias/core';
import type { GradientTransformation, Params, Updates } from './types.js';

/** Which parameters a masked transform applies to: glob patterns over names, or a predicate. */
export type ParamMask = readonly string[] | ((name: string) => boolean);

function predicate(mask: ParamMask): (name: string) => boolean {
  return typeof mask === 'function' ? mask : (name) => matchesAny(mask, name);
}

function pick<T>(map: Readonly<Record<string, T>>, keep: (name: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(map).filter(([k]) => keep(k)));
}

/**
 * Applies `inner` only to the parameters selected by `mask` (globs such as
 * `['*kernel*']`, or a predicate); the other updates pass through unchanged.
 * The state is `inner`'s state for the selected parameters.
 */
export function masked(inner: GradientTransformation, mask: ParamMask): GradientTransformation {
  const selected = predicate(mask);
  return {
    name: `masked_${inner.name}`,
    init(params: Params) {
      return inner.init(pick(params, selected));
    },
    update(updates: Updates, state, params, extras) {
      const chosen = pick(updates, selected);
      const result = inner.update(chosen, state, pick(params, selected), extras);
      return { updates: { ...updates, ...result.updates }, state: result.state };
    },
  };
}
