import { readFileSync } from 'node:fs';
import type { DependencyContainer } from 'tsyringe';
import { PLUGIN_KINDS, type PluginKind } from '../tokens.js';
import { registerPlugin, type AnyPluginFactory, type RegisterOptions } from './registry.js';

/** Plugin names per kind, as listed under `rankbias.provides` in a plugin package's package.json. */
export type ProvidedPlugins = Partial<Record<PluginKind, readonly string[]>>;

/** The package.json fields a plugin package is defined from. */
export interface PluginPackageJson {
  readonly name: string;
  readonly rankbias?: { readonly plugin?: boolean; readonly provides?: ProvidedPlugins };
}

/** A plugin package: its name, its factories (each stamped with the name) and its `register`. */
export interface PluginPackage {
  readonly name: string;
  readonly factories: readonly AnyPluginFactory[];
  /** Registers every factory of the package in `container`. */
  register(container: DependencyContainer, options?: RegisterOptions): void;
}

function readManifest(source: URL | PluginPackageJson): PluginPackageJson {
  if (!(source instanceof URL)) return source;
  const manifest = JSON.parse(readFileSync(source, 'utf8')) as PluginPackageJson;
  if (typeof manifest.name !== 'string') throw new TypeError(`definePluginPackage: ${source.pathname} has no "name"`);
  return manifest;
}

/** `kind:name` keys, sorted, of what `provides` lists and of what the factories are. */
function providedKeys(provides: ProvidedPlugins): string[] {
  return Object.entries(provides)
    .flatMap(([kind, names]) => (names ?? []).map((n) => `${kind}:${n}`))
    .sort();
}

function checkProvides(manifest: PluginPackageJson, factories: readonly AnyPluginFactory[]): void {
  const provides = manifest.rankbias?.provides;
  if (provides == null) return;
  const unknownKinds = Object.keys(provides).filter((k) => !PLUGIN_KINDS.includes(k as PluginKind));
  const listed = providedKeys(provides);
  const actual = factories.map((f) => `${f.kind}:${f.name}`).sort();
  const missing = actual.filter((k) => !listed.includes(k));
  const extra = listed.filter((k) => !actual.includes(k));
  if (unknownKinds.length + missing.length + extra.length === 0) return;
  const parts = [
    unknownKinds.length ? `unknown kinds ${unknownKinds.join(', ')}` : '',
    missing.length ? `registered but not listed: ${missing.join(', ')}` : '',
    extra.length ? `listed but not registered: ${extra.join(', ')}` : '',
  ].filter(Boolean);
  throw new TypeError(
    `${manifest.name}: package.json "rankbias.provides" does not match the factories (${parts.join('; ')})`,
  );
}

/**
 * Defines a plugin package from its package.json (a URL to read, or the parsed
 * object) and its factories: stamps the package name on each factory, checks
 * them against `rankbias.provides`, and returns the package's `register`.
 *
 * ```ts
 * export const { register } = definePluginPackage(new URL('../package.json', import.meta.url), [myPenalty]);
 * ```
 */
export function definePluginPackage(
  packageJson: URL | PluginPackageJson,
  factories: readonly AnyPluginFactory[],
): PluginPackage {
  const manifest = readManifest(packageJson);
  checkProvides(manifest, factories);
  for (const factory of factories) stampPackage(factory, manifest.name);
  return {
    name: manifest.name,
    factories,
    register(container, options = {}) {
      for (const factory of factories) registerPlugin(container, factory, options);
    },
  };
}

function stampPackage(factory: AnyPluginFactory, name: string): void {
  if (factory.package && factory.package !== name) {
    throw new TypeError(`${factory.kind} "${factory.name}" already belongs to ${factory.package}, not ${name}`);
  }
  (factory as { package: string }).package = name;
}
