import type { DependencyContainer } from 'tsyringe';
import { registerPlugin } from '@rankbias/core';
import { dataCifarPlugins } from './plugins.js';

/** Registers the datasets `cifar10`, `cifar100`, `idx`, `fashion-mnist`, `mnist` and the `data fetch` command in `container`. */
export function register(container: DependencyContainer): void {
  for (const factory of dataCifarPlugins) registerPlugin(container, factory);
}
