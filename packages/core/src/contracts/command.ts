import type { Command } from 'commander';
import type { DependencyContainer } from 'tsyringe';

export interface CliEnv {
  readonly container: DependencyContainer;
  /** Write a line to stdout. */
  out(line: string): void;
  /** Write a line to stderr. */
  err(line: string): void;
  /**
   * Where the CLI found its plugins: its working directory (installed
   * packages are discovered from there) and the `--plugin` paths. A command
   * that starts processes of its own (sweep workers) loads the same plugins.
   */
  readonly pluginSources?: { readonly cwd: string; readonly paths: readonly string[] };
  /** Sets the exit code of the rankbias process (the last call wins; thrown errors take precedence). */
  setExitCode(code: number): void;
}

/**
 * A subcommand contributed by a plugin package (e.g. `compare` from
 * `@rankbias/eval`). `register` adds it to the `rankbias` program.
 */
export interface CliCommand {
  register(program: Command, env: CliEnv): void;
  /**
   * JSON schemas of the files this command reads, by name (e.g. `sweep` for
   * `compare`), built around the whole-config schema; `rankbias schema --<name>` prints them.
   */
  fileSchemas?(config: Record<string, unknown>): Record<string, Record<string, unknown>>;
}
