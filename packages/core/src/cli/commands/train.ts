import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { CliEnv } from '../../contracts/command.js';
import type { CliEnvWithExit } from '../env.js';
import type { RunResult } from '../../contracts/result.js';
import { readConfigFile } from '../../config/load.js';
import { applyOverrides } from '../../config/overrides.js';
import { resolveConfig, toPlainConfig } from '../../config/resolve.js';
import { BACKENDS, type BackendChoice } from '../../config/schema.js';
import { loadPlugins } from '../../discovery/load.js';
import { configPluginNames } from '../../discovery/plugin-names.js';
import { PluginRegistry } from '../../registry/registry.js';
import { trainRunInDir } from '../../trainer/train-run-in-dir.js';
import { CliUsageError, EXIT } from '../exit-codes.js';
import { installInterruptHandler } from '../interrupt.js';
import { defaultRunDir } from '../run-dir.js';

export interface TrainCommandOptions {
  readonly out?: string;
  readonly resume?: boolean;
  readonly backend?: BackendChoice;
  /** Validate and print the resolved config; do not train. */
  readonly dryRun?: boolean;
}

/** A one-line summary of a finished run. */
export function summarizeResult(result: RunResult, outDir: string): string {
  const metrics = Object.entries(result.final)
    .slice(0, 8)
    .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toPrecision(4)}`)
    .join(' ');
  const error = result.error ? ` error: ${result.error.message}` : '';
  return `rankbias: run ${result.status} after ${result.steps} steps (${result.wallSeconds.toFixed(1)} s) -> ${outDir}${metrics ? `; ${metrics}` : ''}${error}`;
}

/** Where `train` runs: the working directory and the plugin packages already loaded. */
export interface TrainSetting {
  readonly cwd: string;
  readonly loadedPackages: readonly string[];
}

/**
 * Runs `rankbias train`: reads the config, applies overrides, loads the
 * packages it lists, validates it, selects the backend and trains. Returns
 * the exit code.
 */
export async function trainFromConfigFile(
  env: CliEnv,
  setting: TrainSetting,
  configFile: string,
  overrides: readonly string[],
  opts: TrainCommandOptions,
): Promise<number> {
  if (opts.resume && !opts.out) {
    throw new CliUsageError('--resume needs --out DIR: the run directory to continue');
  }
  const { cwd } = setting;
  const source = resolve(cwd, configFile);
  const raw = applyOverrides(readConfigFile(source), overrides);
  if (opts.backend) raw.backend = opts.backend;
  await loadPlugins(env.container, {
    cwd,
    discover: false,
    packages: configPluginNames(raw),
    skip: ['@rankbias/core', ...setting.loadedPackages],
    configSource: configFile,
    onWarning: env.err,
  });
  const config = resolveConfig(raw, new PluginRegistry(env.container), configFile);
  if (opts.dryRun) {
    env.out(JSON.stringify(toPlainConfig(config), null, 2));
    return EXIT.ok;
  }
  const outDir = opts.out ? resolve(cwd, opts.out) : defaultRunDir(cwd, configFile, config.name);
  const interrupt = installInterruptHandler(env.err);
  try {
    const { result } = await trainRunInDir(raw, outDir, {
      container: env.container,
      resume: opts.resume ?? false,
      signal: interrupt.signal,
      say: env.err,
      source: configFile,
    });
    env.out(summarizeResult(result, outDir));
    if (result.status === 'failed') return EXIT.failed;
    return interrupt.interrupted() ? EXIT.interrupted : EXIT.ok;
  } finally {
    interrupt.dispose();
  }
}

/** `rankbias train <config> [--out DIR] [--resume] [--backend X] [key=value ...]`. */
export function registerTrainCommand(program: Command, env: CliEnvWithExit, setting: TrainSetting): void {
  program
    .command('train')
    .description(
      'Train the model a config describes and write the run directory (config.json, metrics.jsonl, result.json, checkpoints)',
    )
    .argument('<config>', 'experiment config, YAML or JSON')
    .argument('[overrides...]', 'key=value overrides, e.g. train.steps=200 penalties[0].weight=0.01')
    .option('--out <dir>', 'run directory (default: runs/<config name>-<timestamp>)')
    .option('--resume', 'continue the run in --out from its last checkpoint')
    .addOption(new Option('--backend <name>', 'tfjs backend, overrides the config').choices(BACKENDS))
    .option('--dry-run', 'validate the config and print it with every default filled in; do not train')
    .addHelpText(
      'after',
      '\nExit codes: 0 run completed, 1 run failed, 2 bad input (config, arguments, plugin), 130 interrupted (checkpoint written).\n' +
        'Example: rankbias train examples/mlp-gaussian.yaml --out runs/mlp train.steps=200',
    )
    .action(async (config: string, overrides: string[], opts: TrainCommandOptions) => {
      env.setExitCode(await trainFromConfigFile(env, setting, config, overrides, opts));
    });
}
