import type { DependencyContainer } from 'tsyringe';
import { registerPlugin, type AnyPluginFactory } from '@rankbias/core';
import { reproduceCommand } from './command.js';

/** Every plugin factory of @rankbias/reproduce: the `reproduce` command. */
export const reproducePlugins: readonly AnyPluginFactory[] = [reproduceCommand];

/** Registers the `reproduce` command in `container`. */
export function register(container: DependencyContainer): void {
  for (const factory of reproducePlugins) registerPlugin(container, factory);
}
