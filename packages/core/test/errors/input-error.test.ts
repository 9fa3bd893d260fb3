import { describe, expect, it } from 'vitest';
import { isBadInput } from '../../src/cli/exit-codes.js';
import { InputError, isInputError } from '../../src/errors/input-error.js';

describe('InputError', () => {
  it('subclasses are recognised as bad input (exit 2) by the CLI', () => {
    class MissingFile extends InputError {
      constructor() {
        super('data.bin: does not exist');
        this.name = 'MissingFile';
      }
    }
    const e = new MissingFile();
    expect(isInputError(e)).toBe(true);
    expect(isBadInput(e)).toBe(true);
  });

  it('is recognised by its marker, so errors from another copy of core count too', () => {
    const foreign = Object.assign(new Error('bad path'), { name: 'ForeignError', isInputError: true });
    expect(isBadInput(foreign)).toBe(true);
  });

  it('ordinary errors are not bad input', () => {
    expect(isBadInput(new Error('boom'))).toBe(false);
    expect(isBadInput(Object.assign(new Error('x'), { isInputError: 'yes' }))).toBe(false);
  });
});
