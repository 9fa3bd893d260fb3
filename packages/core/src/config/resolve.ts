import { z } from 'zod';
import type { PluginRegistry } from '../registry/registry.js';
import type { PluginKind } from '../tokens.js';
import { knownPackageFor } from '../registry/known-plugins.js';
import { ConfigError, formatPath, type ConfigIssue } from './errors.js';
import { configIssues } from './issues.js';
import { experimentConfigSchema, type ExperimentConfig, type PluginRef } from './schema.js';

/** Options every penalty takes; the trainer applies them. */
export const penaltyCommonSchema = z.object({
  weight: z.number().nonnegative(),
  select: z.array(z.string()).optional(),
  coupling: z.enum(['coupled', 'decoupled']).default('coupled'),
});

/** Options every metric takes: evaluate at every evaluation round or every N steps. */
export const metricCommonSchema = z.object({
  every: z.number().int().positive().optional(),
});

/** A plugin reference after validation: `use` plus the parsed options (defaults filled in). */
export interface ResolvedPluginRef<C = object> {
  readonly use: string;
  readonly options: Record<string, unknown>;
  readonly common: C;
}

export interface ResolvedConfig {
  readonly name?: string;
  readonly description?: string;
  readonly seed: number;
  readonly backend: ExperimentConfig['backend'];
  readonly linalg?: ExperimentConfig['linalg'];
  readonly plugins: readonly string[];
  readonly data: ResolvedPluginRef;
  readonly model: ResolvedPluginRef;
  readonly overparam?: ResolvedPluginRef;
  readonly optimizer: ResolvedPluginRef;
  readonly penalties: readonly ResolvedPluginRef<z.output<typeof penaltyCommonSchema>>[];
  readonly metrics: readonly ResolvedPluginRef<z.output<typeof metricCommonSchema>>[];
  readonly callbacks: readonly ResolvedPluginRef[];
  readonly loggers?: readonly ResolvedPluginRef[];
  readonly train: ExperimentConfig['train'];
}

/**
 * Validates a whole config: the top-level shape, then every plugin section
 * against the options schema its factory contributes. All problems are
 * collected into one `ConfigError`.
 */
export function resolveConfig(raw: unknown, registry: PluginRegistry, source?: string): ResolvedConfig {
  const top = experimentConfigSchema.safeParse(raw);
  if (!top.success) {
    throw new ConfigError(configIssues(top.error, { raw, schema: experimentConfigSchema }), source);
  }
  const cfg = top.data;
  const issues: ConfigIssue[] = [];

  const section = <C extends object>(
    kind: PluginKind,
    ref: PluginRef,
    path: (string | number)[],
    common?: z.ZodObject<any>,
  ): ResolvedPluginRef<C> | undefined => {
    const { use, ...rest } = ref;
    const available = registry.names(kind);
    if (!registry.has(kind, use)) {
      const pkg = knownPackageFor(kind, use);
      issues.push({
        path: formatPath([...path, 'use']),
        message:
          `unknown ${kind} "${use}". Available: ${available.length ? available.join(', ') : '(none installed)'}` +
          (pkg ? `. "${use}" is provided by ${pkg} (npm install ${pkg}, or list it under "plugins")` : ''),
      });
      return undefined;
    }
    const factory = registry.get(kind, use);
    let commonValues: Record<string, unknown> = {};
    let own: Record<string, unknown> = rest;
    if (common) {
      const keys = Object.keys(common.shape);
      const picked = Object.fromEntries(Object.entries(rest).filter(([k]) => keys.includes(k)));
      own = Object.fromEntries(Object.entries(rest).filter(([k]) => !keys.includes(k)));
      const c = common.safeParse(picked);
      if (!c.success) issues.push(...configIssues(c.error, { prefix: path, raw: picked, schema: common }));
      else commonValues = c.data;
    }
    const parsed = factory.options.safeParse(own);
    if (!parsed.success) {
      const extraKeys = ['use', ...(common ? Object.keys(common.shape) : [])];
      issues.push(...configIssues(parsed.error, { prefix: path, raw: own, schema: factory.options, extraKeys }));
      return undefined;
    }
    return { use, options: (parsed.data ?? {}) as Record<string, unknown>, common: commonValues as C };
  };

  const data = section('dataset', cfg.data, ['data']);
  const model = section('model', cfg.model, ['model']);
  const overparam = cfg.overparam ? section('overparam', cfg.overparam, ['overparam']) : undefined;
  const optimizer = section('optimizer', cfg.optimizer, ['optimizer']);
  const penalties = cfg.penalties.map((p, i) =>
    section<z.output<typeof penaltyCommonSchema>>('penalty', p, ['penalties', i], penaltyCommonSchema),
  );
  const metrics = cfg.metrics.map((m, i) =>
    section<z.output<typeof metricCommonSchema>>('metric', m, ['metrics', i], metricCommonSchema),
  );
  const callbacks = cfg.callbacks.map((c, i) => section('callback', c, ['callbacks', i]));
  const loggers = cfg.loggers?.map((l, i) => section('logger', l, ['loggers', i]));

  if (issues.length) throw new ConfigError(issues, source);
  return {
    name: cfg.name,
    description: cfg.description,
    seed: cfg.seed,
    backend: cfg.backend,
    linalg: cfg.linalg,
    plugins: cfg.plugins,
    data: data!,
    model: model!,
    overparam,
    optimizer: optimizer!,
    penalties: penalties as ResolvedPluginRef<z.output<typeof penaltyCommonSchema>>[],
    metrics: metrics as ResolvedPluginRef<z.output<typeof metricCommonSchema>>[],
    callbacks: callbacks as ResolvedPluginRef[],
    loggers: loggers as ResolvedPluginRef[] | undefined,
    train: cfg.train,
  };
}

/** The resolved config as plain data (what `config.json` in a run directory holds). */
export function toPlainConfig(config: ResolvedConfig): Record<string, unknown> {
  const ref = (r: ResolvedPluginRef<any> | undefined) => (r ? { use: r.use, ...r.common, ...r.options } : undefined);
  return JSON.parse(
    JSON.stringify({
      name: config.name,
      description: config.description,
      seed: config.seed,
      backend: config.backend,
      linalg: config.linalg,
      plugins: config.plugins,
      data: ref(config.data),
      model: ref(config.model),
      overparam: ref(config.overparam),
      optimizer: ref(config.optimizer),
      penalties: config.penalties.map(ref),
      metrics: config.metrics.map(ref),
      callbacks: config.callbacks.map(ref),
      loggers: config.loggers?.map(ref),
      train: config.train,
    }),
  );
}
