import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors/input-error.js';
import { applyOverrides, parseKeyPath, setConfigPath } from '../../src/config/overrides.js';
import { CONFIG_LIMITS } from '../../src/config/limits.js';

/** The error `fn` throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('the safe key-path setter', () => {
  it.each([
    '__proto__.polluted=1',
    '__proto__.hasOwnProperty=1',
    'model.__proto__.x=1',
    'constructor.prototype.polluted=1',
    'model.prototype=1',
    'a[0].constructor=2',
  ])('refuses %s with one line naming the segment, and Object.prototype is untouched', (override) => {
    const e = thrown(() => applyOverrides({ model: { use: 'mlp' } }, [override]));
    expect(isInputError(e)).toBe(true);
    expect(e.message).not.toContain('\n');
    expect(e.message).toMatch(/"(__proto__|constructor|prototype)" is not allowed as a key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty).toBe(
      Object.getOwnPropertyDescriptor(Object.prototype, 'hasOwnProperty')!.value,
    );
  });

  it('refuses prototype keys given as parsed segments and inside override values', () => {
    expect(() => setConfigPath({}, ['model', '__proto__', 'x'], 1)).toThrow(/"__proto__" is not allowed/);
    expect(() => applyOverrides({}, ['model={__proto__: {polluted: 1}}'])).toThrow(
      /model\.__proto__: "__proto__" is not allowed/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('creates null-prototype mappings and keeps the values', () => {
    const out = applyOverrides({ train: { steps: 1 } }, ['model.hidden[1]=8', 'train.steps=5']);
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.getPrototypeOf(out.model)).toBeNull();
    expect(JSON.parse(JSON.stringify(out))).toEqual({ train: { steps: 5 }, model: { hidden: [null, 8] } });
  });

  it('caps array indices before allocating anything', () => {
    const e = thrown(() => applyOverrides({}, ['model.hidden[1000000]=3']));
    expect(e.message).toBe(
      `invalid config: model.hidden[1000000]: index 1000000 exceeds the limit of ${CONFIG_LIMITS.maxIndex}`,
    );
    expect(() => parseKeyPath(`a[${'9'.repeat(400)}]`)).toThrow(/exceeds the limit/);
    expect(() => setConfigPath({}, ['a', 1e9], 1)).toThrow(/index 1000000000 exceeds the limit/);
    expect(applyOverrides({}, [`a[${CONFIG_LIMITS.maxIndex}]=1`]).a).toHaveLength(CONFIG_LIMITS.maxIndex + 1);
  });

  it('caps the depth of a key path and of a value', () => {
    const deep = Array.from({ length: CONFIG_LIMITS.maxDepth + 1 }, () => 'a').join('.');
    expect(() => applyOverrides({}, [`${deep}=1`])).toThrow(/levels deep, over the limit/);
    expect(() => applyOverrides({}, [`a=${'['.repeat(40)}${']'.repeat(40)}`])).toThrow(
      /nested more than \d+ levels deep/,
    );
  });

  it('refuses a list where a mapping is expected and the other way round', () => {
    expect(() => applyOverrides({ model: { hidden: [1] } }, ['model.hidden.x=1'])).toThrow(
      /model\.hidden is a list: index it with \[n\]/,
    );
    expect(() => applyOverrides({ model: { use: 'mlp' } }, ['model[0]=1'])).toThrow(/model is a mapping, not a list/);
  });

  it('refuses YAML tags in override values with one line', () => {
    const e = thrown(() => applyOverrides({}, ['model.x=!!js/function "function () {}"']));
    expect(e.message).toMatch(
      /model\.x: the YAML tag tag:yaml\.org,2002:js\/function at line 1, column 1 is not allowed/,
    );
    expect(e.message).not.toContain('\n');
  });
});
