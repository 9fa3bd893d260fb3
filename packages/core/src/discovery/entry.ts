import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PluginLoadError } from './errors.js';
import type { PackageJson } from './package-json.js';

const CONDITIONS = ['import', 'node', 'default'];

/** Picks the target of an `exports` entry for an ESM import in Node. */
function conditionalTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const found = conditionalTarget(t);
      if (found) return found;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    for (const [key, value] of Object.entries(target)) {
      if (CONDITIONS.includes(key)) {
        const found = conditionalTarget(value);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The root entry of a package's `exports` (string, conditions, or the "." subpath). */
function exportsRoot(exportsField: unknown): string | undefined {
  if (exportsField && typeof exportsField === 'object' && !Array.isArray(exportsField)) {
    const keys = Object.keys(exportsField);
    if (keys.some((k) => k.startsWith('.'))) return conditionalTarget((exportsField as Record<string, unknown>)['.']);
  }
  return conditionalTarget(exportsField);
}

/** The file Node would load for `import '<package>'` from a package directory. */
export function packageEntryFile(dir: string, manifest: PackageJson): string {
  const target = exportsRoot(manifest.exports) ?? manifest.main ?? 'index.js';
  const file = resolve(dir, target);
  if (!existsSync(file)) {
    throw new PluginLoadError(
      `package ${manifest.name ?? dir} has no entry file ${file}` +
        ' (is it built? in this workspace run `npx tsc -b tsconfig.build.json`)',
    );
  }
  return file;
}

/** The file to import for a `--plugin <path>`: a file, or a package directory. */
export function localPluginEntry(path: string, manifest: PackageJson | undefined): string {
  if (!existsSync(path)) throw new PluginLoadError(`--plugin ${path}: no such file or directory`);
  if (statSync(path).isFile()) return path;
  if (manifest) return packageEntryFile(path, manifest);
  for (const name of ['index.js', 'index.mjs']) if (existsSync(join(path, name))) return join(path, name);
  throw new PluginLoadError(`--plugin ${path}: a directory needs a package.json or an index.js`);
}
