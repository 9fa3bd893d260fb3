import type { DependencyContainer } from 'tsyringe';
import { loadPlugins, type LoadedPlugin } from '../discovery/load.js';
import { createPluginContainer } from '../register.js';

export interface CliContainerOptions {
  readonly cwd: string;
  /** `--plugin` paths. */
  readonly pluginPaths: readonly string[];
  readonly warn: (message: string) => void;
}

/**
 * A child container holding core's built-ins, every discovered plugin
 * package and the `--plugin` paths, in that order (later ones override,
 * with a warning).
 */
export async function createCliContainer(
  options: CliContainerOptions,
): Promise<{ container: DependencyContainer; loaded: LoadedPlugin[] }> {
  const container = createPluginContainer({ onOverwrite: options.warn });
  const loaded = await loadPlugins(container, {
    cwd: options.cwd,
    paths: options.pluginPaths,
    onWarning: options.warn,
  });
  return { container, loaded };
}
