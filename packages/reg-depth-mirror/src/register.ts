import type { DependencyContainer } from 'tsyringe';
import { definePluginPackage } from '@rankbias/core';
import { depthMirrorPenalty } from './penalties/depth-mirror.js';
import { l2Penalty } from './penalties/l2.js';
import { nuclearPenalty } from './penalties/nuclear.js';
import { registerRegularizerClasses } from './regularizers/regularizers.js';

/** Every penalty factory this package provides. */
export const penalties = [depthMirrorPenalty, nuclearPenalty, l2Penalty] as const;

const depthMirrorPackage = definePluginPackage(new URL('../package.json', import.meta.url), penalties);

/** @deprecated Read the package name from `depthMirrorPenalty.package`; removed in the next minor. */
export const PACKAGE_NAME: string = depthMirrorPackage.name;

/**
 * Registers the penalties `depth-mirror`, `nuclear` and `l2` in `container`
 * and the regularizer classes with tfjs serialization.
 */
export function register(container: DependencyContainer): void {
  depthMirrorPackage.register(container);
  registerRegularizerClasses();
}
