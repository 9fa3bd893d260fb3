import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { CliEnv } from '../../contracts/command.js';
import { metricCommonSchema, penaltyCommonSchema } from '../../config/resolve.js';
import { PluginRegistry, type AnyPluginFactory } from '../../registry/registry.js';
import { PLUGIN_KINDS, type PluginKind } from '../../tokens.js';

/** One installed plugin as `rankbias plugins --json` prints it. */
export interface PluginDescription {
  readonly kind: PluginKind;
  readonly name: string;
  readonly package: string;
  readonly description: string;
  /** JSON schema of the options a config may give it. */
  readonly options: Record<string, unknown>;
}

/** Options the trainer handles for every plugin of a kind (e.g. a penalty's `weight`). */
const COMMON_OPTIONS: Partial<Record<PluginKind, z.ZodObject>> = {
  penalty: penaltyCommonSchema,
  metric: metricCommonSchema,
};

/** JSON-schema dialects the generated schemas can use (editors' YAML servers and ajv default to draft-07). */
export type JsonSchemaTarget = 'draft-2020-12' | 'draft-7';

function toJsonSchema(schema: z.ZodType, target: JsonSchemaTarget): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

/**
 * JSON schema (input side: defaults are optional) of the options a config
 * may give a plugin: its own, plus those common to its kind.
 */
export function optionsJsonSchema(
  factory: AnyPluginFactory,
  target: JsonSchemaTarget = 'draft-2020-12',
): Record<string, unknown> {
  if (!(factory.options instanceof z.ZodType)) return {};
  try {
    const own = toJsonSchema(factory.options, target);
    const common = COMMON_OPTIONS[factory.kind];
    if (!common || own.type !== 'object') return own;
    const shared = toJsonSchema(common, target);
    return {
      ...own,
      properties: { ...(shared.properties as object), ...(own.properties as object) },
      required: [...new Set([...((shared.required as string[]) ?? []), ...((own.required as string[]) ?? [])])],
    };
  } catch (e) {
    return { description: `options cannot be shown as JSON schema: ${(e as Error).message}` };
  }
}

export function describePlugins(registry: PluginRegistry, kind?: PluginKind): PluginDescription[] {
  return registry.list(kind ? { kind } : {}).map((f) => ({
    kind: f.kind,
    name: f.name,
    package: f.package,
    description: f.description,
    options: optionsJsonSchema(f),
  }));
}

/** Plain-text table: kind, name, package, description. */
export function formatPluginTable(plugins: readonly PluginDescription[]): string[] {
  const widths = [4, 4, 7];
  for (const p of plugins) {
    widths[0] = Math.max(widths[0]!, p.kind.length);
    widths[1] = Math.max(widths[1]!, p.name.length);
    widths[2] = Math.max(widths[2]!, p.package.length);
  }
  const row = (cells: string[]) =>
    cells
      .map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd();
  return [
    row(['KIND', 'NAME', 'PACKAGE', 'DESCRIPTION']),
    ...plugins.map((p) => row([p.kind, p.name, p.package, p.description])),
  ];
}

/** `rankbias plugins [--json] [--kind K]`. */
export function registerPluginsCommand(program: Command, env: CliEnv): void {
  program
    .command('plugins')
    .description('List every installed plugin: kind, name, package, description (and options with --json)')
    .option('--json', "print JSON, with each plugin's options as a JSON schema")
    .addOption(new Option('--kind <kind>', 'only plugins of this kind').choices(PLUGIN_KINDS))
    .action((opts: { json?: boolean; kind?: PluginKind }) => {
      const plugins = describePlugins(new PluginRegistry(env.container), opts.kind);
      if (opts.json) env.out(JSON.stringify(plugins, null, 2));
      else formatPluginTable(plugins).forEach((line) => env.out(line));
    });
}
