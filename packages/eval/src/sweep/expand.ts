import { dirname, resolve } from 'node:path';
import {
  applyOverrides,
  checkConfigPluginNames,
  ConfigError,
  configPluginNames,
  InputError,
  looksLikePath,
  formatPath,
  parseKeyPath,
  readConfigFile,
  resolveConfig,
  setConfigPath,
  toPlainConfig,
  type PluginRegistry,
  type SweepRun,
} from '@rankbias/core';
import { stableHash } from './hash.js';
import { sweepSchema, type SweepSpec } from './schema.js';

/** One (config, seed) of a sweep: core's `SweepRun`, the unit sweep executors train. */
export type PlannedRun = SweepRun;

/** A validated sweep with every run it expands to. */
export interface ExpandedSweep {
  readonly spec: SweepSpec;
  readonly source: string;
  /** Grid keys in file order (variant first when variants are used): the hyperparameter axes. */
  readonly axes: readonly string[];
  readonly runs: readonly PlannedRun[];
}

/** How a sweep file is read. */
export interface SweepReadOptions {
  /** `key=value` overrides applied to the sweep's base (as `rankbias train` applies them to a config). */
  readonly overrides?: readonly string[];
}

/** Reads and validates a sweep file (YAML/JSON); problems name their path in the file. */
export function readSweepFile(
  file: string,
  options: SweepReadOptions = {},
): { spec: SweepSpec; base: Record<string, unknown> } {
  const raw = readConfigFile(file);
  const parsed = sweepSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({
        path: formatPath(i.path),
        message:
          i.code === 'unrecognized_keys'
            ? `unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')} (a sweep has base, grid, variants, seeds, target, report, workers, batchRuns, name, description)`
            : i.message,
      })),
      file,
    );
  }
  const spec = parsed.data;
  let base: Record<string, unknown>;
  if (typeof spec.base === 'string') {
    const basePath = resolve(dirname(file), spec.base);
    try {
      base = readConfigFile(basePath);
    } catch (e) {
      if (e instanceof ConfigError) {
        throw new ConfigError(
          e.issues.map((i) => ({ ...i, path: i.path ? `base → ${i.path}` : 'base' })),
          `${file} (base ${basePath})`,
        );
      }
      throw e;
    }
  } else base = spec.base;
  if (options.overrides?.length) base = applyOverrides(base, options.overrides);
  for (const key of Object.keys(spec.grid)) parseKeyPathAt(key, `grid.${key}`, file);
  spec.variants?.forEach((v, i) =>
    Object.keys(v.set).forEach((k) => parseKeyPathAt(k, `variants[${i}].set.${k}`, file)),
  );
  const names = spec.variants?.map((v) => v.name) ?? [];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new ConfigError([{ path: 'variants', message: `variant name "${dup}" is used twice` }], file);
  return { spec, base };
}

/**
 * A sweep's configs, like any config file, may only name installed plugin
 * packages; local code needs `--plugin` on the command line. Checked before
 * anything runs, so `--dry-run` fails too.
 */
function refusePathPlugins(raw: Record<string, unknown>, file: string, label: string): void {
  const names = configPluginNames(raw);
  const path = names.find(looksLikePath);
  if (path === undefined) {
    checkConfigPluginNames(names, `${file} [${label}]`);
    return;
  }
  throw new InputError(
    `${file}: plugins[${names.indexOf(path)}] "${path}" (${label}) is a local path; a sweep may only name installed packages. ` +
      `Load local code on the command line instead: rankbias --plugin ${path} compare ${file}`,
  );
}

function parseKeyPathAt(key: string, where: string, file: string): (string | number)[] {
  try {
    return parseKeyPath(key);
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError([{ path: where, message: e.issues[0]!.message }], file);
    throw e;
  }
}

/** Sets `value` at a key path (`a.b[0].c`) in `target`, creating objects and arrays on the way. */
export function setKeyPath(target: Record<string, unknown>, key: string, value: unknown): void {
  setConfigPath(target, key, structuredClone(value));
}

/** Every combination of the grid's values, the last key varying fastest. */
export function gridPoints(grid: Readonly<Record<string, readonly unknown[]>>): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  }
  return points;
}

/** Formats one parameter value for labels and tables. */
export function formatParam(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function seedsOf(spec: SweepSpec): number[] {
  return typeof spec.seeds === 'number' ? Array.from({ length: spec.seeds }, (_, i) => i) : [...spec.seeds];
}

/**
 * Expands a sweep into its runs: grid points × variants × seeds, each
 * config validated with `resolveConfig` (so every problem shows before
 * anything runs) and hashed.
 */
export function expandSweep(file: string, registry: PluginRegistry, options: SweepReadOptions = {}): ExpandedSweep {
  const { spec, base } = readSweepFile(file, options);
  const variants = spec.variants ?? [undefined];
  const axes = [...(spec.variants ? ['variant'] : []), ...Object.keys(spec.grid)];
  const runs: PlannedRun[] = [];
  const issues: ConfigError[] = [];
  const ids = new Set<string>();
  for (const variant of variants) {
    for (const point of gridPoints(spec.grid)) {
      const params: Record<string, unknown> = variant ? { variant: variant.name, ...point } : { ...point };
      const label =
        Object.entries(params)
          .map(([k, v]) => (k === 'variant' ? formatParam(v) : `${k}=${formatParam(v)}`))
          .join(' · ') || 'base';
      for (const seed of seedsOf(spec)) {
        const raw = structuredClone(base);
        for (const [k, v] of Object.entries(variant?.set ?? {})) setKeyPath(raw, k, v);
        for (const [k, v] of Object.entries(point)) setKeyPath(raw, k, v);
        raw.seed = seed;
        refusePathPlugins(raw, file, label);
        let config: Record<string, unknown>;
        try {
          config = toPlainConfig(resolveConfig(raw, registry, `[${label}, seed ${seed}]`));
        } catch (e) {
          if (e instanceof ConfigError) {
            if (!issues.some((x) => x.message.includes(`[${label},`))) issues.push(e);
            continue;
          }
          throw e;
        }
        const { seed: _seed, ...withoutSeed } = config;
        const run: PlannedRun = { id: stableHash(config), group: stableHash(withoutSeed), label, seed, params, config };
        if (ids.has(run.id)) {
          throw new ConfigError(
            [
              {
                path: 'grid',
                message: `two grid points give the same config (${label}, seed ${seed}); remove the duplicate value`,
              },
            ],
            file,
          );
        }
        ids.add(run.id);
        runs.push(run);
      }
    }
  }
  if (issues.length) {
    throw new ConfigError(
      issues.flatMap((e) => e.issues.map((i) => ({ ...i, path: `${e.source ?? ''} ${i.path}`.trim() }))),
      file,
    );
  }
  return { spec, source: file, axes, runs };
}
