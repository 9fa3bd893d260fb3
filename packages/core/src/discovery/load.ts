import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DependencyContainer } from 'tsyringe';
import { localPluginEntry, packageEntryFile } from './entry.js';
import { PluginLoadError } from './errors.js';
import { packageAt } from './package-json.js';
import { checkConfigPluginNames } from './plugin-names.js';
import { findInstalledPackage, findPluginPackages, type ScanOptions } from './scan.js';

/** How a plugin came to be loaded. */
export type PluginSource = 'discovered' | 'config' | 'path';

export interface LoadedPlugin {
  /** Package name, or the path given to `--plugin`. */
  readonly name: string;
  readonly source: PluginSource;
  /** The file imported. */
  readonly entry: string;
}

export interface LoadPluginsOptions extends ScanOptions {
  /** Scan for installed packages with the plugin marker. Default: true. */
  readonly discover?: boolean;
  /** Package names to load explicitly (a config's `plugins`); errors if one is not installed. */
  readonly packages?: readonly string[];
  /** Local files or folders to load (`--plugin`), relative to `cwd`. */
  readonly paths?: readonly string[];
  /** Package names never loaded by discovery. Default: `@rankbias/core` (it registers itself). */
  readonly skip?: readonly string[];
  /** Where problems with discovered packages are reported (they are skipped). Default: console.warn. */
  readonly onWarning?: (message: string) => void;
  /** Config file the package names come from, for error messages. */
  readonly configSource?: string;
}

type RegisterFn = (container: DependencyContainer) => unknown;

function registerFunctionOf(mod: Record<string, unknown>): RegisterFn | undefined {
  const def = mod.default as Record<string, unknown> | RegisterFn | undefined;
  const candidates = [mod.register, typeof def === 'object' && def ? def.register : undefined, def];
  return candidates.find((c): c is RegisterFn => typeof c === 'function');
}

/** Imports a plugin module and calls its `register(container)`. */
export async function importAndRegister(entry: string, label: string, container: DependencyContainer): Promise<void> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (e) {
    throw new PluginLoadError(
      `cannot import plugin ${label} (${entry}): ${String((e as Error)?.message ?? e).split('\n')[0]}`,
    );
  }
  const register = registerFunctionOf(mod);
  if (!register) {
    throw new PluginLoadError(
      `plugin ${label} (${entry}) exports no register(container) function; a rankbias plugin exports ` +
        '`register(container)` that calls registerPlugin(container, factory) for each of its factories',
    );
  }
  try {
    await register(container);
  } catch (e) {
    throw new PluginLoadError(`plugin ${label}: register(container) failed: ${(e as Error)?.message ?? e}`);
  }
}

/**
 * Loads plugins into `container`: discovered installed packages first
 * (problems are warnings), then packages named explicitly (errors), then
 * local paths given with `--plugin` (errors). Each real directory loads once.
 */
export async function loadPlugins(
  container: DependencyContainer,
  options: LoadPluginsOptions = {},
): Promise<LoadedPlugin[]> {
  const cwd = options.cwd ?? process.cwd();
  const warn = options.onWarning ?? ((m: string) => console.warn(m));
  const skip = new Set(options.skip ?? ['@rankbias/core']);
  const seen = new Set<string>();
  const loaded: LoadedPlugin[] = [];

  if (options.discover !== false) {
    for (const pkg of findPluginPackages(options)) {
      if (skip.has(pkg.name)) continue;
      seen.add(pkg.realDir);
      try {
        const entry = packageEntryFile(pkg.dir, pkg.manifest);
        await importAndRegister(entry, pkg.name, container);
        loaded.push({ name: pkg.name, source: 'discovered', entry });
      } catch (e) {
        warn(`rankbias: skipped plugin package ${pkg.name} (${pkg.dir}): ${(e as Error).message}`);
      }
    }
  }

  const packages = options.packages ?? [];
  checkConfigPluginNames(packages, options.configSource);
  for (const name of packages) {
    const pkg = findInstalledPackage(name, options);
    if (!pkg) {
      throw new PluginLoadError(
        `plugin package "${name}" is not installed (searched from ${cwd}): npm install ${name}`,
      );
    }
    if (seen.has(pkg.realDir) || skip.has(pkg.name)) continue;
    seen.add(pkg.realDir);
    const entry = packageEntryFile(pkg.dir, pkg.manifest);
    await importAndRegister(entry, name, container);
    loaded.push({ name, source: 'config', entry });
  }

  for (const path of options.paths ?? []) {
    const abs = resolve(cwd, path);
    const dir = safeIsDir(abs) ? abs : dirname(abs);
    const manifest = safeIsDir(abs) ? packageAt(abs)?.manifest : undefined;
    const entry = localPluginEntry(abs, manifest);
    const real = realpathSync(entry);
    if (seen.has(real) || (manifest && seen.has(realpathSync(dir)))) continue;
    seen.add(real);
    await importAndRegister(entry, path, container);
    loaded.push({ name: path, source: 'path', entry });
  }
  return loaded;
}

function safeIsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
