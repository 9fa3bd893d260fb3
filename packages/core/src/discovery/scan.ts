import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { isPluginManifest, packageAt, type PackageDir } from './package-json.js';

export interface ScanOptions {
  /** Start of the upward walk over `node_modules` folders. Default: `process.cwd()`. */
  readonly cwd?: string;
  /**
   * Also scan the folders Node resolves packages from for rankbias itself
   * (its own `node_modules` chain, NODE_PATH, global folders). Default: true.
   */
  readonly includeModulePaths?: boolean;
  /** More `node_modules` folders to scan, after the others. */
  readonly extraDirs?: readonly string[];
}

/** `<dir>/node_modules` for `dir` = start and each of its parents. */
export function upwardNodeModules(start: string): string[] {
  const out: string[] = [];
  let dir = resolve(start);
  for (;;) {
    out.push(dir.endsWith('node_modules') ? dir : join(dir, 'node_modules'));
    const parent = dirname(dir);
    if (parent === dir) return out;
    dir = parent;
  }
}

/** The folders Node searches when this module imports a bare package name. */
export function moduleSearchDirs(): string[] {
  const require = createRequire(import.meta.url);
  return require.resolve.paths('rankbias-plugin') ?? [];
}

/** Every `node_modules` folder to scan, existing ones only, each real path once, nearest first. */
export function searchDirs(options: ScanOptions = {}): string[] {
  const candidates = [
    ...upwardNodeModules(options.cwd ?? process.cwd()),
    ...(options.includeModulePaths === false ? [] : moduleSearchDirs()),
    ...(options.extraDirs ?? []),
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of candidates) {
    if (!existsSync(dir)) continue;
    const real = realpathSync(dir);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(dir);
  }
  return out;
}

/** Package directories directly inside one `node_modules` folder (scoped ones included). */
export function packagesIn(nodeModules: string): PackageDir[] {
  const out: PackageDir[] = [];
  let entries: string[];
  try {
    entries = readdirSync(nodeModules);
  } catch {
    return out;
  }
  for (const entry of entries.sort()) {
    if (entry.startsWith('.')) continue;
    const path = join(nodeModules, entry);
    const names = entry.startsWith('@') ? safeList(path).map((e) => join(path, e)) : [path];
    for (const dir of names) {
      const pkg = safePackageAt(dir);
      if (pkg) out.push(pkg);
    }
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function safePackageAt(dir: string): PackageDir | undefined {
  try {
    return packageAt(dir);
  } catch {
    return undefined;
  }
}

/**
 * Installed packages whose package.json has `"rankbias": { "plugin": true }`,
 * deduplicated by real path and by name (the nearest copy wins).
 */
export function findPluginPackages(options: ScanOptions = {}): PackageDir[] {
  const byName = new Map<string, PackageDir>();
  const realDirs = new Set<string>();
  for (const nm of searchDirs(options)) {
    for (const pkg of packagesIn(nm)) {
      if (!isPluginManifest(pkg.manifest) || realDirs.has(pkg.realDir) || byName.has(pkg.name)) continue;
      realDirs.add(pkg.realDir);
      byName.set(pkg.name, pkg);
    }
  }
  return [...byName.values()];
}

/** The installed copy of package `name` nearest to `cwd` (then rankbias' own search folders), if any. */
export function findInstalledPackage(name: string, options: ScanOptions = {}): PackageDir | undefined {
  for (const nm of searchDirs(options)) {
    const pkg = safePackageAt(join(nm, ...name.split('/')));
    if (pkg && pkg.name === name) return pkg;
  }
  return undefined;
}
