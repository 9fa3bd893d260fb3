import type { DependencyContainer } from 'tsyringe';
import { registerPlugin } from '@rankbias/core';
import { depthMirrorPenalty } from './penalties/depth-mirror.js';
import { l2Penalty } from './penalties/l2.js';
import { nuclearPenalty } from './penalties/nuclear.js';
import { registerRegularizerClasses } from './regularizers/regularizers.js';

/** Every penalty factory this package provides. */
export const penalties = [depthMirrorPenalty, nuclearPenalty, l2Penalty] as const;

/**
 * Registers the penalties `depth-mirror`, `nuclear` and `l2` in `container`
 * and the regularizer classes with tfjs serialization.
 */
export function register(container: DependencyContainer): void {
  for (const factory of penalties) registerPlugin(container, factory);
  registerRegularizerClasses();
}
