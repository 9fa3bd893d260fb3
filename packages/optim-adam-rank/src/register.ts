import { definePluginPackage } from '@rankbias/core';
import { optimizerPlugins } from './plugins.js';

/** Registers the optimizers 'adam', 'adamw' and 'gd' in `container`. */
export const { register } = definePluginPackage(new URL('../package.json', import.meta.url), optimizerPlugins);
