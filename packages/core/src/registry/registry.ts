import type { DependencyContainer } from 'tsyringe';
import type { PluginContext, PluginFactory } from '../contracts/plugin.js';
import type { PluginInstanceMap } from '../contracts/instances.js';
import { PLUGIN_KINDS, TOKENS, type PluginKind } from '../tokens.js';
import { globMatch } from './glob.js';
import { knownPackageFor } from './known-plugins.js';

export type AnyPluginFactory = PluginFactory<PluginKind, any>;

/** Thrown when a name does not resolve; lists what exists. */
export class UnknownPluginError extends Error {
  constructor(
    readonly kind: PluginKind,
    readonly pluginName: string,
    readonly available: readonly string[],
    readonly providedBy?: string,
  ) {
    super(describeUnknown(kind, pluginName, available, providedBy));
    this.name = 'UnknownPluginError';
  }
}

function describeUnknown(kind: PluginKind, name: string, available: readonly string[], pkg?: string): string {
  const list = available.length ? available.join(', ') : '(none installed)';
  const hint = pkg ? ` "${name}" is provided by ${pkg}: npm install ${pkg}.` : '';
  return `unknown ${kind} "${name}". Available ${kind} plugins: ${list}.${hint}`;
}

export interface RegisterOptions {
  /** Called when a factory replaces one of the same kind and name. Default: console.warn. */
  readonly onOverwrite?: (message: string) => void;
}

/**
 * Registers a factory in `container` under its kind's token. A second
 * factory with the same kind and name replaces the first, with a warning.
 */
export function registerPlugin(
  container: DependencyContainer,
  factory: AnyPluginFactory,
  options: RegisterOptions = {},
): void {
  if (!PLUGIN_KINDS.includes(factory.kind)) {
    throw new TypeError(
      `registerPlugin: unknown plugin kind "${String(factory.kind)}" (kinds: ${PLUGIN_KINDS.join(', ')})`,
    );
  }
  const existing = factoriesOf(container, factory.kind).find((f) => f.name === factory.name);
  if (existing && existing !== factory) {
    (options.onOverwrite ?? console.warn)(
      `rankbias: ${factory.kind} "${factory.name}" from ${existing.package} is replaced by the one from ${factory.package}`,
    );
  }
  container.register(TOKENS[factory.kind], { useValue: factory });
}

function factoriesOf(container: DependencyContainer, kind: PluginKind): AnyPluginFactory[] {
  const token = TOKENS[kind];
  return container.isRegistered(token, true) ? container.resolveAll<AnyPluginFactory>(token) : [];
}

/** Lists, filters and creates the plugins registered in a container. */
export class PluginRegistry {
  constructor(readonly container: DependencyContainer) {}

  /** Every factory, latest registration winning per (kind, name), sorted by kind then name. */
  list(filter: { kind?: PluginKind; name?: string } = {}): AnyPluginFactory[] {
    const kinds = filter.kind ? [filter.kind] : PLUGIN_KINDS;
    const out: AnyPluginFactory[] = [];
    for (const kind of kinds) {
      const byName = new Map<string, AnyPluginFactory>();
      for (const f of factoriesOf(this.container, kind)) byName.set(f.name, f);
      out.push(...[...byName.values()].sort((a, b) => a.name.localeCompare(b.name)));
    }
    return filter.name ? out.filter((f) => globMatch(filter.name!, f.name)) : out;
  }

  names(kind: PluginKind): string[] {
    return this.list({ kind }).map((f) => f.name);
  }

  has(kind: PluginKind, name: string): boolean {
    return this.list({ kind }).some((f) => f.name === name);
  }

  /** The factory for `kind`/`name`, or an `UnknownPluginError` listing the names that exist. */
  get<K extends PluginKind>(kind: K, name: string): PluginFactory<K, any> {
    const found = this.list({ kind }).find((f) => f.name === name);
    if (!found) throw new UnknownPluginError(kind, name, this.names(kind), knownPackageFor(kind, name));
    return found as PluginFactory<K, any>;
  }

  /** Validates `options` with the factory's schema and creates the instance. */
  async create<K extends PluginKind>(
    kind: K,
    name: string,
    options: unknown,
    ctx: PluginContext,
  ): Promise<PluginInstanceMap[K]> {
    const factory = this.get(kind, name);
    const parsed = factory.options.parse(options ?? {});
    return await factory.create(parsed, ctx);
  }
}
