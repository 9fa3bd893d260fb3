import type { DependencyContainer } from 'tsyringe';
import { registerPlugin } from '@rankbias/core';
import { optimizerPlugins } from './plugins.js';

/** Registers the optimizers 'adam', 'adamw' and 'gd' in `container`. */
export function register(container: DependencyContainer): void {
  for (const factory of optimizerPlugins) registerPlugin(container, factory);
}
