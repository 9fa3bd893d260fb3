import { InputError } from '@rankbias/core';

/**
 * A data file that cannot be used: names the file, what is wrong with it and
 * how to fix it.
 */
export class DataFileError extends InputError {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${file}: ${problem}. ${fix}`);
    this.name = 'DataFileError';
  }
}
