import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Argument, type Command } from 'commander';
import type { CliEnv } from '../../contracts/command.js';
import { InputError } from '../../errors/input-error.js';
import { PENALTY_STEPS, SWEEP_STARTER, TRAIN_STARTER } from '../init/templates.js';

const STARTERS = {
  train: { file: 'rankbias.yaml', text: TRAIN_STARTER },
  sweep: { file: 'sweep.yaml', text: SWEEP_STARTER },
} as const;

/**
 * Writes a starter to `file` (relative to `cwd`), never over an existing
 * file (the `wx` flag makes the check and the write one step). Returns the path.
 */
export function writeStarter(kind: keyof typeof STARTERS, cwd: string, file?: string): string {
  const path = resolve(cwd, file ?? STARTERS[kind].file);
  try {
    writeFileSync(path, STARTERS[kind].text, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new InputError(
        `${path} already exists; rankbias init never overwrites a file. Give another name: rankbias init ${kind} other.yaml`,
      );
    throw new InputError(`cannot write ${path} (${(e as Error).message}); choose a writable folder or name`);
  }
  return path;
}

/** `rankbias init [train|sweep|penalty] [file]`. */
export function registerInitCommand(program: Command, env: CliEnv, context: { cwd: string }): void {
  program
    .command('init')
    .description(
      'Write a commented starter: a train config (default), a sweep, or the steps to scaffold a penalty package',
    )
    .addArgument(new Argument('[what]', 'what to start').choices(['train', 'sweep', 'penalty']).default('train'))
    .argument(
      '[file]',
      'where to write it (default rankbias.yaml or sweep.yaml); an existing file is never overwritten',
    )
    .action((what: 'train' | 'sweep' | 'penalty', file?: string) => {
      if (what === 'penalty') {
        PENALTY_STEPS.forEach((line) => env.out(line));
        return;
      }
      const path = writeStarter(what, context.cwd, file);
      env.out(`wrote ${path}`);
      env.out(
        what === 'train'
          ? `next: npx rankbias train ${file ?? STARTERS.train.file} --dry-run`
          : `next: npx rankbias compare ${file ?? STARTERS.sweep.file} --out runs/sweep`,
      );
    });
}
