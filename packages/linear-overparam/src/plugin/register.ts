import { definePluginPackage } from '@rankbias/core';
import { linearOverparamPlugin } from './linear-overparam-plugin.js';

const linearOverparamPackage = definePluginPackage(new URL('../../package.json', import.meta.url), [
  linearOverparamPlugin,
]);

/** Registers the `linear` overparam factory in `container`. */
export const { register } = linearOverparamPackage;

/** @deprecated Read the package name from `linearOverparamPlugin.package`; removed in the next minor. */
export const PACKAGE_NAME: string = linearOverparamPackage.name;
