import type { DependencyContainer } from 'tsyringe';
import type { z } from 'zod';
import type { PluginKind } from '../tokens.js';
import type { Rng } from '../rng/rng.js';
import type { DoctorProbe } from './doctor.js';
import type { PluginInstanceMap } from './instances.js';

/** What every factory receives besides its validated options. */
export interface PluginContext {
  /** The experiment's own child container. */
  readonly container: DependencyContainer;
  /** Seeded RNG for this plugin (derived from the run seed and the plugin's place in the config). */
  readonly rng: Rng;
  /** The run seed. */
  readonly seed: number;
  /** Name of the tfjs backend in use (`tensorflow`, `wasm`, `cpu`, ...). */
  readonly backend: string;
  /** Run directory, when the plugin runs inside `rankbias train`. */
  readonly runDir?: string;
}

/**
 * A named, documented, validated factory: the unit that plugin packages
 * register. `options` is a zod schema; its parsed output is what `create`
 * receives, so defaults live in the schema.
 */
export interface PluginFactory<K extends PluginKind = PluginKind, O = any> {
  readonly kind: K;
  readonly name: string;
  readonly description: string;
  /**
   * npm package that provides it, e.g. `@rankbias/reg-depth-mirror`; stamped by
   * `definePluginPackage` (empty until then).
   */
  readonly package: string;
  readonly options: z.ZodType<O>;
  /** What `rankbias doctor` reports for this plugin (e.g. whether a dataset's files are found, and where it looked). */
  readonly doctor?: DoctorProbe;
  create(options: O, ctx: PluginContext): PluginInstanceMap[K] | Promise<PluginInstanceMap[K]>;
}

/** Identity helper that keeps the option type inferred from the schema. */
export function definePlugin<K extends PluginKind, S extends z.ZodType>(factory: {
  kind: K;
  name: string;
  description: string;
  /** Leave out: `definePluginPackage` stamps the package name from package.json. */
  package?: string;
  options: S;
  doctor?: DoctorProbe;
  create(options: z.output<S>, ctx: PluginContext): PluginInstanceMap[K] | Promise<PluginInstanceMap[K]>;
}): PluginFactory<K, z.output<S>> {
  return { ...factory, package: factory.package ?? '' } as PluginFactory<K, z.output<S>>;
}
