import type { Command } from 'commander';
import type { CliCommand, CliEnv } from '../contracts/command.js';
import { PluginRegistry } from '../registry/registry.js';
import { createRng } from '../rng/rng.js';

/**
 * Adds the subcommands contributed by plugins (factories of kind `command`,
 * e.g. `compare` from @rankbias/eval). A command that fails to register is
 * reported and skipped. Commands choose their own backend (see `selectBackend`).
 * Returns the commands added.
 */
export async function addPluginCommands(program: Command, env: CliEnv): Promise<CliCommand[]> {
  const registry = new PluginRegistry(env.container);
  const added: CliCommand[] = [];
  for (const factory of registry.list({ kind: 'command' })) {
    try {
      const options = factory.options?.parse ? factory.options.parse({}) : {};
      const command = (await factory.create(options, {
        container: env.container,
        rng: createRng(`command:${factory.name}`),
        seed: 0,
        backend: 'none',
      })) as CliCommand;
      command.register(program, env);
      added.push(command);
    } catch (e) {
      env.err(`rankbias: skipped command "${factory.name}" from ${factory.package}: ${(e as Error).message}`);
    }
  }
  return added;
}
