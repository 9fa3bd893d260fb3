import type { GradientTransformation, TransformState } from './types.js';

function prefixOf(index: number, transform: GradientTransformation): string {
  return `${index}:${transform.name}/`;
}

function slice(state: TransformState, prefix: string): TransformState {
  const out: Record<string, TransformState[string]> = {};
  for (const [k, v] of Object.entries(state)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

function prefixed(state: TransformState, prefix: string): TransformState {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [prefix + k, v]));
}

/**
 * Applies `transforms` in order, each to the previous one's output. The
 * state of the i-th transform lives under keys prefixed `i:<name>/`
 * (e.g. `0:scale_by_adam/mu/dense/kernel`), stable as long as the chain is.
 */
export function chain(...transforms: GradientTransformation[]): GradientTransformation {
  return {
    name: 'chain',
    parts: transforms,
    init(params) {
      return Object.assign({}, ...transforms.map((t, i) => prefixed(t.init(params), prefixOf(i, t))));
    },
    update(updates, state, params, extras) {
      let current = updates;
      const next: Record<string, TransformState[string]> = {};
      transforms.forEach((t, i) => {
        const prefix = prefixOf(i, t);
        const result = t.update(current, slice(state, prefix), params, extras);
        current = result.updates;
        Object.assign(next, prefixed(result.state, prefix));
      });
      return { updates: current, state: next };
    },
  };
}
