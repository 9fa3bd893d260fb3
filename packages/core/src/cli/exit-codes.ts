import { isInputError } from '../errors/input-error.js';

/** Exit codes of the `rankbias` CLI. */
export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** A run started but failed (NaN loss, an exception while training). */
  failed: 1,
  /** Bad input: config, arguments, unknown plugin, unavailable backend. */
  badInput: 2,
  /** Stopped by Ctrl-C after checkpointing (128 + SIGINT). */
  interrupted: 130,
} as const;

/** Bad command-line usage that commander itself does not catch. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/**
 * Errors that mean "fix your input": reported as one message without a
 * stack trace, exit code 2. Matched by name so that errors thrown by another
 * copy of core (a plugin's) are recognised too.
 */
const BAD_INPUT = new Set([
  'ConfigError',
  'UnknownPluginError',
  'PluginLoadError',
  'BackendUnavailableError',
  'CliUsageError',
  'RunDirError',
  'TrainerError',
  'ZodError',
]);

export function isBadInput(error: unknown): boolean {
  return error instanceof Error && (BAD_INPUT.has(error.name) || isInputError(error));
}
