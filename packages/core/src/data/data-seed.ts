import { z } from 'zod';
import type { PluginContext } from '../contracts/plugin.js';
import { createRng, type Rng } from '../rng/rng.js';
import { warnDeprecatedOnce } from '../config/deprecated.js';

/** The one seed option of every dataset: fix it to compare models on the same data. */
export const dataSeedOption = z
  .number()
  .int()
  .nonnegative()
  .optional()
  .describe('seed of the data alone (default: derived from the run seed); fix it to compare models on the same data');

/** @deprecated Use `dataSeed`; `seedOffset` is added to the data seed until the next minor. */
export const seedOffsetOption = z.number().int().default(0).describe('deprecated: use dataSeed');

interface DataSeedOptions {
  readonly dataSeed?: number;
  /** @deprecated */
  readonly seedOffset?: number;
}

/** The number a dataset draws its data from: `dataSeed` when given, else the run seed (plus a deprecated `seedOffset`). */
export function dataSeedOf(options: DataSeedOptions, ctx: Pick<PluginContext, 'seed'>): number {
  const offset = options.seedOffset ?? 0;
  if (offset !== 0) warnDeprecatedOnce('dataset option seedOffset', 'dataSeed');
  return (options.dataSeed ?? ctx.seed) + offset;
}

/**
 * The generator a dataset draws from: `createRng(dataSeed)` when given, else
 * a fork of the plugin's rng. Sub-streams (`train`, `test`, ...) should be
 * forks, so growing one split never changes another.
 */
export function dataRng(options: DataSeedOptions, ctx: Pick<PluginContext, 'rng'>): Rng {
  return options.dataSeed !== undefined ? createRng(options.dataSeed) : ctx.rng.fork('data');
}
