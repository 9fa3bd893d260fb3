import { InputError } from '../errors/input-error.js';

/** One problem in a config: where, what was found, what would be valid. */
export interface ConfigIssue {
  /** Dotted path, e.g. `penalties[0].weight`. */
  readonly path: string;
  readonly message: string;
}

/**
 * A config that cannot run. One issue reads as one line; several are
 * listed one a line under a heading. An `InputError`: the CLI exits 2.
 */
export class ConfigError extends InputError {
  constructor(
    readonly issues: readonly ConfigIssue[],
    readonly source?: string,
  ) {
    super(formatIssues(issues, source));
    this.name = 'ConfigError';
  }
}

function formatIssues(issues: readonly ConfigIssue[], source?: string): string {
  const where = source ? ` ${source}` : '';
  if (issues.length === 1) return `invalid config${where}: ${issues[0]!.path || '(root)'}: ${issues[0]!.message}`;
  const head = `invalid config${where} (${issues.length} problems):`;
  return [head, ...issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`)].join('\n');
}

/** Formats a zod-style path (`['penalties', 0, 'weight']`) as `penalties[0].weight`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
