import type { DependencyContainer } from 'tsyringe';
import { registerPlugin } from '@rankbias/core';
import { linearOverparamPlugin } from './linear-overparam-plugin.js';

/** Registers the `linear` overparam factory in `container`. */
export function register(container: DependencyContainer): void {
  registerPlugin(container, linearOverparamPlugin);
}
