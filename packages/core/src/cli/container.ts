import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { loadPlugins } from '../discovery/load.js';
import { register as registerCore } from '../register.js';

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
export async function createCliContainer(options: CliContainerOptions): Promise<DependencyContainer> {
  const container = rootContainer.createChildContainer();
  registerCore(container, { onOverwrite: options.warn });
  await loadPlugins(container, { cwd: options.cwd, paths: options.pluginPaths, onWarning: options.warn });
  return container;
}
