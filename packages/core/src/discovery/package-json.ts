import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { ProvidedPlugins } from '../registry/plugin-package.js';

/** The fields of a package.json that discovery reads. */
export interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly description?: string;
  readonly main?: string;
  readonly exports?: unknown;
  readonly rankbias?: { readonly plugin?: boolean; readonly provides?: ProvidedPlugins };
}

/** An installed package directory. */
export interface PackageDir {
  readonly name: string;
  readonly version?: string;
  /** The directory as found (may be a symlink, e.g. an npm workspace link). */
  readonly dir: string;
  /** The directory with symlinks resolved; packages are deduplicated by it. */
  readonly realDir: string;
  readonly manifest: PackageJson;
}

/** Reads `<dir>/package.json`, or undefined when there is none or it is not JSON. */
export function readPackageJson(dir: string): PackageJson | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The package in `dir`, or undefined. */
export function packageAt(dir: string): PackageDir | undefined {
  const manifest = readPackageJson(dir);
  if (!manifest?.name) return undefined;
  return { name: manifest.name, version: manifest.version, dir, realDir: realpathSync(dir), manifest };
}

/** True when a package.json carries the marker `"rankbias": { "plugin": true }`. */
export function isPluginManifest(manifest: PackageJson): boolean {
  return manifest.rankbias?.plugin === true;
}
