/** One problem in a config: where, what was found, what would be valid. */
export interface ConfigIssue {
  /** Dotted path, e.g. `penalties[0].weight`. */
  readonly path: string;
  readonly message: string;
}

/** A config that cannot run; the message lists every issue with its path. */
export class ConfigError extends Error {
  constructor(
    readonly issues: readonly ConfigIssue[],
    readonly source?: string,
  ) {
    super(formatIssues(issues, source));
    this.name = 'ConfigError';
  }
}

function formatIssues(issues: readonly ConfigIssue[], source?: string): string {
  const head = `invalid config${source ? ` ${source}` : ''} (${issues.length} problem${issues.length === 1 ? '' : 's'}):`;
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
