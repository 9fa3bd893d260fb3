import type { DependencyContainer } from 'tsyringe';

/** Registers core's built-in plugins (optimizers, models, datasets, loggers) in `container`. Filled by core-cli. */
export function register(_container: DependencyContainer): void {}
