import type { Command } from 'commander';
import type { CliCommand, CliEnv } from '../../contracts/command.js';
import { configJsonSchema } from '../../config/json-schema.js';
import { InputError } from '../../errors/input-error.js';
import { PluginRegistry } from '../../registry/registry.js';

/** The schema `rankbias schema` prints: the whole config, or a file schema a plugin command contributes (`sweep`). */
export function generateSchema(env: CliEnv, commands: readonly CliCommand[], file?: string): Record<string, unknown> {
  const config = configJsonSchema(new PluginRegistry(env.container));
  if (!file) return config;
  for (const command of commands) {
    const schema = command.fileSchemas?.(config)[file];
    if (schema) return schema;
  }
  throw new InputError(
    `no installed plugin describes ${file} files; the sweep schema comes with @rankbias/eval (npm install @rankbias/eval)`,
  );
}

/** `rankbias schema [--sweep]`: JSON schema for editors, from the installed plugins. */
export function registerSchemaCommand(program: Command, env: CliEnv, commands: readonly CliCommand[]): void {
  program
    .command('schema')
    .description(
      'Print the JSON schema of a config (or of a sweep with --sweep), with the options of every installed plugin, for editors and scripts',
    )
    .option('--sweep', 'the schema of a sweep file (rankbias compare) instead of a config')
    .addHelpText(
      'after',
      '\nExample:\n  rankbias schema > rankbias.schema.json\n' +
        'then put this first line in a config so YAML editors validate and complete it:\n' +
        '  # yaml-language-server: $schema=./rankbias.schema.json',
    )
    .action((opts: { sweep?: boolean }) => {
      env.out(JSON.stringify(generateSchema(env, commands, opts.sweep ? 'sweep' : undefined), null, 2));
    });
}
