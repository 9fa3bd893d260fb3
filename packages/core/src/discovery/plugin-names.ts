import { ConfigError, type ConfigIssue } from '../config/errors.js';

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** True for things that name a file or folder rather than an npm package. */
export function looksLikePath(spec: string): boolean {
  return (
    spec.startsWith('.') ||
    spec.startsWith('/') ||
    spec.startsWith('~') ||
    spec.startsWith('file:') ||
    spec.includes('\\') ||
    /^[a-zA-Z]:/.test(spec) ||
    /\.(c|m)?[jt]s$/.test(spec) ||
    (!spec.startsWith('@') && spec.includes('/'))
  );
}

/**
 * Checks the `plugins` list of a config: package names only. A config file
 * never loads code from a path; that needs the explicit `--plugin` flag.
 */
export function checkConfigPluginNames(names: readonly string[], source?: string): void {
  const issues: ConfigIssue[] = [];
  names.forEach((name, i) => {
    if (looksLikePath(name)) {
      issues.push({
        path: `plugins[${i}]`,
        message:
          `"${name}" is a local path; a config file may only name installed packages. ` +
          `Load local code explicitly on the command line: --plugin ${name}`,
      });
    } else if (!PACKAGE_NAME.test(name)) {
      issues.push({ path: `plugins[${i}]`, message: `"${name}" is not a valid npm package name` });
    }
  });
  if (issues.length) throw new ConfigError(issues, source);
}

/** Package names listed under `plugins` in a raw config (anything else is left for validation to report). */
export function configPluginNames(raw: Readonly<Record<string, unknown>>): string[] {
  const list = raw.plugins;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}
