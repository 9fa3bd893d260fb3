import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A program and its arguments. */
export interface Argv {
  readonly command: string;
  readonly args: readonly string[];
}

/** Builds the command that trains one run: `(config file, run dir, resume?) -> argv`. */
export type TrainCommand = (configFile: string, runDir: string, resume: boolean) => Argv;

/** Path of core's CLI entry (`bin/rankbias.js` of the installed @rankbias/core). */
export function coreCliEntry(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('@rankbias/core/package.json');
  } catch {
    throw new Error(
      'rankbias compare: @rankbias/core is not installed next to @rankbias/eval (npm install @rankbias/core)',
    );
  }
  const entry = join(dirname(pkg), 'bin', 'rankbias.js');
  if (!existsSync(entry))
    throw new Error(`rankbias compare: core's CLI entry ${entry} is missing; reinstall @rankbias/core`);
  return entry;
}

/** `node <core>/bin/rankbias.js train <config> --out <dir> [--resume]`: one child process per run. */
export function defaultTrainCommand(entry = coreCliEntry()): TrainCommand {
  return (configFile, runDir, resume) => ({
    command: process.execPath,
    args: [entry, 'train', configFile, '--out', runDir, ...(resume ? ['--resume'] : [])],
  });
}
