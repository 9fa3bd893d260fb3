import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { builtinDatasetPlugins } from './data/plugins.js';
import { builtinModelPlugins } from './models/plugins.js';
import { definePluginPackage } from './registry/plugin-package.js';
import type { AnyPluginFactory, RegisterOptions } from './registry/registry.js';
import { builtinCallbackPlugins, builtinLoggerPlugins, builtinOptimizerPlugins } from './trainer/index.js';

const corePackage = definePluginPackage(new URL('../package.json', import.meta.url), [
  ...builtinModelPlugins,
  ...builtinDatasetPlugins,
  ...builtinOptimizerPlugins,
  ...builtinLoggerPlugins,
  ...builtinCallbackPlugins,
]);

/** Every plugin factory core itself provides. */
export function corePlugins(): AnyPluginFactory[] {
  return [...corePackage.factories];
}

/**
 * Registers core's built-in plugins in `container`: models (`mlp`, `cnn`,
 * `two-layer`, `deep-linear`), the `gaussian-mixture` dataset, and the
 * trainer's optimizers (`sgd`, `tfjs-adam`), loggers and callbacks.
 */
export function register(container: DependencyContainer, options: RegisterOptions = {}): void {
  corePackage.register(container, options);
}

/**
 * A fresh child container with core's built-ins registered: the usual start
 * for composing plugins in code (each experiment and test gets its own).
 */
export function createPluginContainer(options: RegisterOptions = {}): DependencyContainer {
  const container = rootContainer.createChildContainer();
  register(container, options);
  return container;
}
