import { definePluginPackage } from '@rankbias/core';
import { dataCifarPlugins } from './plugins.js';

/** Registers the datasets `cifar10`, `cifar100`, `idx`, `fashion-mnist`, `mnist` and the `data fetch` command in `container`. */
export const { register } = definePluginPackage(new URL('../package.json', import.meta.url), dataCifarPlugins);
