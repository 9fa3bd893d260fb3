import type { DependencyContainer } from 'tsyringe';
import { registerPlugin } from '@rankbias/core';
import { matrixCompletionPlugins } from './matrix-completion/plugins.js';
import { syntheticTaskPlugins } from './tasks/plugins.js';

/** Registers every synthetic task of this package in `container`. */
export function register(container: DependencyContainer): void {
  for (const factory of [...matrixCompletionPlugins, ...syntheticTaskPlugins]) registerPlugin(container, factory);
}
