import { describe, expect, it } from 'vitest';
import { pluginPathsFromArgs } from '../../src/cli/argv.js';
import { EXIT, isBadInput } from '../../src/cli/exit-codes.js';
import { defaultRunDir } from '../../src/cli/run-dir.js';
import { ConfigError } from '../../src/config/errors.js';

describe('CLI argument helpers', () => {
  it('finds every --plugin value before commander parses, up to --', () => {
    expect(
      pluginPathsFromArgs(['train', 'c.yaml', '--plugin', './a.mjs', 'x=1', '--plugin=../b', '--', '--plugin', 'c']),
    ).toEqual(['./a.mjs', '../b']);
    expect(pluginPathsFromArgs(['plugins', '--plugin'])).toEqual([]);
  });

  it('names the default run directory after the config and the UTC time', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(defaultRunDir('/w', 'examples/mlp-gaussian.yaml', undefined, at)).toBe(
      '/w/runs/mlp-gaussian-2026-01-02T03-04-05Z',
    );
    expect(defaultRunDir('/w', 'x.json', 'my run/1', at)).toBe('/w/runs/my-run-1-2026-01-02T03-04-05Z');
  });

  it('classifies errors by name, so errors from another copy of core count too', () => {
    expect(isBadInput(new ConfigError([{ path: 'a', message: 'b' }]))).toBe(true);
    expect(isBadInput(Object.assign(new Error('x'), { name: 'UnknownPluginError' }))).toBe(true);
    expect(isBadInput(new TypeError('boom'))).toBe(false);
    expect(EXIT).toEqual({ ok: 0, failed: 1, badInput: 2, interrupted: 130 });
  });
});
