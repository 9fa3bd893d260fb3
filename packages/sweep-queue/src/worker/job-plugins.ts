import { checkConfigPluginNames, PluginRegistry } from '@rankbias/core';
import type { DependencyContainer } from 'tsyringe';

/** The plugin packages whose factories this worker has registered (what it can run). */
export function installedPackages(container: DependencyContainer): Set<string> {
  return new Set(new PluginRegistry(container).list().map((f) => f.package));
}

/**
 * Refuses a job whose `plugins` list names a path (a job never loads code) or a
 * package this worker does not have; the message names the package to install.
 * Returns the problem, or undefined when every package is present.
 */
export function missingJobPlugins(
  config: Record<string, unknown>,
  installed: ReadonlySet<string>,
  worker: string,
): string | undefined {
  const list = Array.isArray(config.plugins) ? config.plugins : [];
  if (list.some((p) => typeof p !== 'string')) return 'the job\'s "plugins" must be a list of package names';
  try {
    checkConfigPluginNames(list as string[], 'job config');
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
  const missing = (list as string[]).filter((name) => !installed.has(name));
  if (!missing.length) return undefined;
  return (
    `plugin package(s) ${missing.join(', ')} not installed on worker ${worker}: ` +
    `run \`npm install ${missing.join(' ')}\` where the worker runs and restart it`
  );
}
