import { definePluginPackage } from '@rankbias/core';
import { matrixCompletionPlugins } from './matrix-completion/plugins.js';
import { syntheticTaskPlugins } from './tasks/plugins.js';

/** Registers every synthetic task of this package in `container`. */
export const { register } = definePluginPackage(new URL('../package.json', import.meta.url), [
  ...matrixCompletionPlugins,
  ...syntheticTaskPlugins,
]);
