import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { Command, CommanderError } from 'commander';
import { collect, pluginPathsFromArgs } from './argv.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerInitCommand } from './commands/init.js';
import { registerPluginsCommand } from './commands/plugins.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerTrainCommand } from './commands/train.js';
import { createCliContainer } from './container.js';
import { createCliEnv, processIo, type CliIo } from './env.js';
import { fileSystemInputError } from '../errors/file-system-error.js';
import { EXIT, isBadInput } from './exit-codes.js';
import { addPluginCommands } from './plugin-commands.js';

function coreVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

/** Commander's own exits: help and version are success, everything else is bad usage. */
function commanderExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
  return EXIT.badInput;
}

/**
 * Runs the `rankbias` CLI on `args` (the arguments after the program name)
 * and returns the exit code. Plugins are discovered before parsing so that
 * their subcommands exist.
 */
export async function runCli(args: readonly string[], io: CliIo = processIo): Promise<number> {
  tf.env().set('PROD', true); // rankbias prints its own backend line; silence tfjs' banner
  let exitCode: number = EXIT.ok;
  try {
    const pluginPaths = pluginPathsFromArgs(args);
    const { container, loaded } = await createCliContainer({
      cwd: io.cwd,
      pluginPaths,
      warn: (m) => io.err(`${m}\n`),
    });
    const env = createCliEnv(
      container,
      io,
      (code) => {
        exitCode = code;
      },
      pluginPaths,
    );
    const program = new Command('rankbias')
      .description('Train and compare neural networks with rankbias plugins (low-rank simplicity bias, tfjs)')
      .version(coreVersion())
      .option(
        '--plugin <path>',
        'load a plugin from a local file or folder (repeatable); config files cannot do this',
        collect,
      )
      .showHelpAfterError('(add --help for usage)')
      .configureHelp({ showGlobalOptions: true })
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    const loadedPackages = loaded.filter((p) => p.source !== 'path').map((p) => p.name);
    registerTrainCommand(program, env, { cwd: io.cwd, loadedPackages });
    registerPluginsCommand(program, env);
    registerDoctorCommand(program, env, { cwd: io.cwd });
    registerInitCommand(program, env, { cwd: io.cwd });
    const pluginCommands = await addPluginCommands(program, env);
    registerSchemaCommand(program, env, pluginCommands);
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return commanderExitCode(e);
    const bad = isBadInput(e) ? (e as Error) : fileSystemInputError(e);
    if (bad) {
      io.err(`rankbias: ${bad.message}\n`);
      return EXIT.badInput;
    }
    const err = e as Error;
    io.err(`rankbias: unexpected error: ${err?.stack ?? String(e)}\n`);
    return EXIT.failed;
  }
}
