import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, readConfigFile } from '@rankbias/core';
import { filterProblems, sweepAxes } from './groups.js';
import { scaledSweep } from './scaled-sweep.js';
import { claimSchema, experimentSchema, SCALES, type Claim, type Experiment, type Statistic } from './schema.js';

/** The definitions shipped with the package: `definitions/claims/*.yaml` and `definitions/experiments/*.yaml`. */
export const DEFINITIONS_DIR = fileURLToPath(new URL('../../definitions', import.meta.url));

/** Every claim and experiment, validated and cross-checked. */
export interface Definitions {
  readonly claims: readonly Claim[];
  readonly experiments: ReadonlyMap<string, Experiment>;
}

function readAll<T>(dir: string, parse: (raw: unknown, file: string) => T): T[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => parse(readConfigFile(join(dir, f)), join(dir, f)));
}

function parseWith<T>(schema: {
  safeParse(
    x: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}) {
  return (raw: unknown, file: string): T => {
    const r = schema.safeParse(raw);
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw new InputError(`${file}: ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
    }
    return r.data;
  };
}

/** Group filters a statistic uses, by role. */
export function statisticGroups(s: Statistic): [string, Record<string, unknown>][] {
  if (s.kind === 'mean') return [['group', s.group]];
  if (s.kind === 'slope') return [['where', s.where]];
  return [
    ['a', s.a],
    ['b', s.b],
  ];
}

/**
 * Loads and checks the definitions: unique ids, every claim's experiment exists, and at
 * every scale each group a claim names is one its experiment runs.
 */
export function loadDefinitions(dir = DEFINITIONS_DIR): Definitions {
  const experiments = new Map<string, Experiment>();
  for (const e of readAll(join(dir, 'experiments'), parseWith(experimentSchema))) {
    if (experiments.has(e.name)) throw new InputError(`experiment "${e.name}" is defined twice in ${dir}`);
    experiments.set(e.name, e);
  }
  const claims = readAll(join(dir, 'claims'), parseWith(claimSchema));
  const ids = new Set<string>();
  for (const c of claims) {
    if (ids.has(c.id)) throw new InputError(`claim ${c.id} is defined twice in ${dir}`);
    ids.add(c.id);
    const experiment = experiments.get(c.experiment);
    if (!experiment)
      throw new InputError(
        `claim ${c.id}: unknown experiment "${c.experiment}" (defined: ${[...experiments.keys()].join(', ')})`,
      );
    for (const scale of SCALES) {
      const axes = sweepAxes(scaledSweep(experiment, scale));
      for (const [role, filter] of statisticGroups(c.statistic)) {
        const problems = filterProblems(filter, axes);
        if (problems.length)
          throw new InputError(`claim ${c.id}, statistic.${role} at scale ${scale}: ${problems.join('; ')}`);
      }
      if (c.statistic.kind === 'slope' && !axes.has(c.statistic.over)) {
        throw new InputError(
          `claim ${c.id}: statistic.over "${c.statistic.over}" is not a grid axis of ${c.experiment} at scale ${scale}`,
        );
      }
    }
  }
  claims.sort((a, b) => compareIds(a.id, b.id));
  return { claims, experiments };
}

/** Orders "4.10" after "4.9". */
export function compareIds(a: string, b: string): number {
  const [ra, ca] = a.split('.').map(Number) as [number, number];
  const [rb, cb] = b.split('.').map(Number) as [number, number];
  return ra - rb || ca - cb;
}

/** Claims chosen by id or result number ("4" = every 4.x); all when none are named. */
export function selectClaims(claims: readonly Claim[], wanted: readonly string[]): Claim[] {
  if (!wanted.length) return [...claims];
  const unknown = wanted.filter((w) => !claims.some((c) => c.id === w || String(c.result) === w));
  if (unknown.length) {
    throw new InputError(
      `unknown claim(s) ${unknown.join(', ')}; claims are ${claims.map((c) => c.id).join(', ')} (or a result number 1–5)`,
    );
  }
  return claims.filter((c) => wanted.some((w) => c.id === w || String(c.result) === w));
}
