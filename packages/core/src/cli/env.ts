import type { DependencyContainer } from 'tsyringe';
import type { CliEnv } from '../contracts/command.js';

/** Where the CLI writes; tests capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  get cwd() {
    return process.cwd();
  },
};

/** The CLI environment plus the exit-code setter every command may use (plugin commands too). */
export interface CliEnvWithExit extends CliEnv {
  /** Sets the exit code of the `rankbias` process (the last call wins; thrown errors take precedence). */
  setExitCode(code: number): void;
}

/** The environment handed to every command, built-in or contributed by a plugin. */
export function createCliEnv(
  container: DependencyContainer,
  io: CliIo,
  setExitCode: (code: number) => void,
  pluginPaths: readonly string[] = [],
): CliEnvWithExit {
  return {
    container,
    out: (line) => io.out(`${line}\n`),
    err: (line) => io.err(`${line}\n`),
    setExitCode,
    pluginSources: { cwd: io.cwd, paths: pluginPaths },
  };
}
