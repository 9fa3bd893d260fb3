import type { z } from 'zod';
import { formatPath, type ConfigIssue } from './errors.js';

type AnySchema = z.core.$ZodType;
type Def = {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
};

const WRAPPERS = new Set(['default', 'optional', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional']);

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Removes default/optional/pipe wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else break;
  }
  return s;
}

/** The keys an object schema accepts at `path`, or undefined when there is no object there. */
export function keysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] | undefined {
  let s: AnySchema | undefined = unwrap(schema);
  for (const p of path) {
    const def = defOf(s);
    if (def.type === 'object' && typeof p === 'string') s = def.shape?.[p];
    else if (def.type === 'array' && typeof p === 'number') s = def.element;
    else return undefined;
    if (!s) return undefined;
    s = unwrap(s);
  }
  const def = defOf(s);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}

/** The value at `path` inside `raw`. */
export function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node: any = raw;
  for (const p of path) node = node?.[p as any];
  return node;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** "expected number, or "full"" from the branches of a failed union. */
function unionMessage(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return undefined;
  const options = issue.errors.map((branch) => {
    const first = branch.find((b) => b.path.length === 0) ?? branch[0];
    if (!first) return '?';
    if (first.code === 'invalid_type') return first.expected;
    if (first.code === 'invalid_value') return first.values.map((v) => show(v)).join(' | ');
    return first.message;
  });
  return `expected ${[...new Set(options)].join(', or ')}`;
}

/**
 * Turns zod issues into config issues: the full path (`penalties[0].weight`),
 * what was wrong, the value found and, for unknown keys, the keys that exist.
 */
export function configIssues(
  error: z.core.$ZodError,
  options: {
    prefix?: readonly (string | number)[];
    raw?: unknown;
    schema?: AnySchema;
    extraKeys?: readonly string[];
  } = {},
): ConfigIssue[] {
  const prefix = options.prefix ?? [];
  return error.issues.map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    if (issue.code === 'unrecognized_keys') {
      const known = options.schema ? keysAt(options.schema, issue.path) : undefined;
      const valid = known ? [...known, ...(issue.path.length === 0 ? (options.extraKeys ?? []) : [])] : undefined;
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return { path, message: `unknown key(s) ${keys}${valid ? `; valid keys: ${valid.join(', ')}` : ''}` };
    }
    let message = unionMessage(issue) ?? issue.message;
    if (options.raw !== undefined) {
      const bad = valueAt(options.raw, issue.path);
      if (bad !== undefined) message += ` (got ${show(bad)})`;
    }
    return { path, message };
  });
}
