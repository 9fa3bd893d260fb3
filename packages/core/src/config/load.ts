import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { CONFIG_LIMITS } from './limits.js';
import { mergeConfigData } from './merge.js';
import { parseYamlText } from './yaml-text.js';

function readText(file: string): string {
  try {
    const size = statSync(file).size;
    if (size > CONFIG_LIMITS.maxFileBytes) {
      throw new ConfigError(
        [{ path: '', message: `is ${size} bytes, over the limit of ${CONFIG_LIMITS.maxFileBytes} for a config file` }],
        file,
      );
    }
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? `file not found: ${file}`
        : code === 'EISDIR'
          ? `${file} is a directory, not a config file`
          : `cannot read ${file}: ${(e as Error).message}`;
    throw new ConfigError([{ path: '', message }], file);
  }
}

function readMapping(file: string): Record<string, unknown> {
  const data = parseYamlText(readText(file), file);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(
      [{ path: '', message: 'expected a mapping of keys (seed, data, model, optimizer, train, ...)' }],
      file,
    );
  }
  return data as Record<string, unknown>;
}

function extendsList(value: unknown, file: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((v): v is string => typeof v === 'string' && v.length > 0)
  ) {
    throw new ConfigError(
      [{ path: 'extends', message: 'expected a file path or a list of file paths (e.g. extends: ./base.yaml)' }],
      file,
    );
  }
  return list;
}

function readWithExtends(file: string, chain: readonly string[]): Record<string, unknown> {
  const own = readMapping(file);
  if (!('extends' in own)) return own;
  const bases = extendsList(own.extends, file);
  delete own.extends;
  let merged: Record<string, unknown> = Object.create(null);
  for (const base of bases) {
    const path = resolve(dirname(file), base);
    if (chain.includes(path)) {
      throw new ConfigError(
        [{ path: 'extends', message: `cycle: ${[...chain, path].join(' → ')}; remove one of these extends` }],
        file,
      );
    }
    if (chain.length >= CONFIG_LIMITS.maxExtendsDepth) {
      throw new ConfigError(
        [{ path: 'extends', message: `chain of more than ${CONFIG_LIMITS.maxExtendsDepth} extends` }],
        file,
      );
    }
    let data: Record<string, unknown>;
    try {
      data = readWithExtends(path, [...chain, path]);
    } catch (e) {
      if (
        e instanceof ConfigError &&
        e.source === path &&
        e.issues.length === 1 &&
        /^file not found/.test(e.issues[0]!.message)
      ) {
        throw new ConfigError(
          [{ path: 'extends', message: `base file not found: ${path} (given as "${base}", relative to this file)` }],
          file,
        );
      }
      throw e;
    }
    merged = mergeConfigData(merged, data);
  }
  return mergeConfigData(merged, own);
}

/**
 * Reads a YAML or JSON config (or sweep) file into plain data with
 * null-prototype mappings; errors name the file and the line. `extends:
 * ./base.yaml` (or a list) merges those files first, in order, each resolved
 * relative to the file naming it: later bases win over earlier ones and the
 * file itself over its bases (mappings merge key by key; lists and scalars
 * are replaced). Cycles and missing bases are refused, naming them.
 */
export function readConfigFile(file: string): Record<string, unknown> {
  const path = resolve(file);
  try {
    return readWithExtends(path, [path]);
  } catch (e) {
    // Errors of the top file carry the name the caller used.
    if (e instanceof ConfigError && e.source === path && path !== file) throw new ConfigError(e.issues, file);
    throw e;
  }
}
