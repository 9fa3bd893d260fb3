/**
 * Base class for "fix your input" errors thrown by plugins: a missing or
 * corrupt data file, a bad path, an impossible option combination. The CLI
 * reports them as one message without a stack trace and exits 2.
 *
 * Recognition is by the `isInputError` marker rather than `instanceof`, so
 * an error from a plugin bundled with another copy of core still counts.
 */
export class InputError extends Error {
  readonly isInputError = true as const;

  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** True for an `InputError` from any copy of core (or anything carrying its marker). */
export function isInputError(error: unknown): error is Error & { isInputError: true } {
  return error instanceof Error && (error as { isInputError?: unknown }).isInputError === true;
}
