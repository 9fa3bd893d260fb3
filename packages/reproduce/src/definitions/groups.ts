import type { GroupFilter } from './schema.js';

/** The values each group-defining key takes in a sweep: its grid axes and, with variants, `variant`. */
export function sweepAxes(sweep: Record<string, unknown>): Map<string, unknown[]> {
  const axes = new Map<string, unknown[]>();
  const variants = sweep.variants as { name: string }[] | undefined;
  if (variants?.length)
    axes.set(
      'variant',
      variants.map((v) => v.name),
    );
  for (const [key, values] of Object.entries((sweep.grid as Record<string, unknown[]> | undefined) ?? {}))
    axes.set(key, values);
  return axes;
}

/** Plain-data equality (grid values are JSON). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True when a run's params satisfy every key of the filter. */
export function matchesGroup(params: Readonly<Record<string, unknown>>, filter: GroupFilter): boolean {
  return Object.entries(filter).every(([k, v]) => k in params && sameValue(params[k], v));
}

/** Problems of a filter against a sweep's axes: unknown keys, values the sweep never runs. */
export function filterProblems(filter: GroupFilter, axes: Map<string, unknown[]>): string[] {
  const problems: string[] = [];
  for (const [k, v] of Object.entries(filter)) {
    const values = axes.get(k);
    if (!values) problems.push(`"${k}" is not an axis of the sweep (axes: ${[...axes.keys()].join(', ') || 'none'})`);
    else if (!values.some((x) => sameValue(x, v)))
      problems.push(`${k} = ${JSON.stringify(v)} is not among its values ${JSON.stringify(values)}`);
  }
  return problems;
}

/** True when every axis value of a run's params is one the sweep still runs. */
export function inSweep(params: Readonly<Record<string, unknown>>, axes: Map<string, unknown[]>): boolean {
  return [...axes].every(([k, values]) => !(k in params) || values.some((v) => sameValue(v, params[k])));
}
