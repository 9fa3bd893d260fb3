import { parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions, type YAMLError } from 'yaml';
import { ConfigError } from './errors.js';
import { toConfigData } from './safe-data.js';

/**
 * The YAML 1.2 core schema and nothing else: no custom or language tags
 * (`!!js/function`, `!!binary`), no merge keys, duplicate keys refused,
 * aliases bounded (a "billion laughs" document is an error, not a heap).
 */
const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: [],
  merge: false,
  strict: true,
  uniqueKeys: true,
  prettyErrors: true,
};
const MAX_ALIASES = 100;

/** The first problem of a parsed document, as one line (with its line and column). */
function describe(problem: YAMLError): string {
  const first = problem.message.split('\n')[0]!.replace(/:$/, '');
  const pos = problem.linePos?.[0];
  const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
  const tag = /^Unresolved tag: (\S+)/.exec(first);
  if (tag) return `the YAML tag ${tag[1]}${where} is not allowed: configs hold plain data (remove the tag)`;
  return `not valid YAML/JSON${where}: ${first.replace(/ at line \d+, column \d+$/, '')}`;
}

/** The outcome of parsing YAML text: plain config data, or the first problem. */
export type YamlParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly tag: boolean; readonly message: string };

/**
 * Parses YAML (or JSON) text strictly into config data (null-prototype
 * mappings, limits applied by `toConfigData`). Syntax problems and tags come
 * back as `ok: false`; prototype keys and limits throw a `ConfigError`.
 */
export function parseYamlData(text: string, path = ''): YamlParse {
  const doc = parseDocument(text, PARSE_OPTIONS);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) return { ok: false, tag: problem.code === 'TAG_RESOLVE_FAILED', message: describe(problem) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return { ok: false, tag: false, message: `not valid YAML/JSON: ${(e as Error).message.split('\n')[0]}` };
  }
  return { ok: true, value: toConfigData(value, path) };
}

/** Like `parseYamlData`, but any problem is a one-line `ConfigError` for `source`. */
export function parseYamlText(text: string, source?: string): unknown {
  let parsed: YamlParse;
  try {
    parsed = parseYamlData(text);
  } catch (e) {
    if (e instanceof ConfigError && source && !e.source) throw new ConfigError(e.issues, source);
    throw e;
  }
  if (!parsed.ok) throw new ConfigError([{ path: '', message: parsed.message }], source);
  return parsed.value;
}
