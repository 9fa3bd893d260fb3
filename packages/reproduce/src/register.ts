import { definePluginPackage, type AnyPluginFactory } from '@rankbias/core';
import { reproduceCommand } from './command.js';

/** Every plugin factory of @rankbias/reproduce: the `reproduce` command. */
export const reproducePlugins: readonly AnyPluginFactory[] = [reproduceCommand];

/** Registers the `reproduce` command in `container`. */
export const { register } = definePluginPackage(new URL('../package.json', import.meta.url), reproducePlugins);
