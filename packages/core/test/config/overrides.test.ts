import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { readConfigFile } from '../../src/config/load.js';
import { applyOverrides, parseKeyPath, setConfigPath } from '../../src/config/overrides.js';

describe('key=value overrides', () => {
  it('parse values as YAML and create missing objects and arrays', () => {
    const base = { train: { steps: 100 }, penalties: [{ use: 'l2', weight: 1 }] };
    const out = applyOverrides(base, [
      'train.steps=5',
      'penalties[0].weight=0.25',
      'penalties[1]={use: nuclear, weight: 0.1}',
      'model.hidden=[8, 4]',
      'model.batchNorm=true',
      'name=run a',
    ]);
    expect(out).toEqual({
      train: { steps: 5 },
      penalties: [
        { use: 'l2', weight: 0.25 },
        { use: 'nuclear', weight: 0.1 },
      ],
      model: { hidden: [8, 4], batchNorm: true },
      name: 'run a',
    });
    expect(base.train.steps).toBe(100);
  });

  it('name the bad override', () => {
    expect(() => applyOverrides({}, ['train.steps'])).toThrow(ConfigError);
    expect(() => applyOverrides({}, ['train.steps'])).toThrow(/train\.steps: an override must look like key=value/);
    expect(() => parseKeyPath('a..b')).toThrow(/not a valid key path/);
    expect(() => applyOverrides({ seed: 3 }, ['seed.x=1'])).toThrow(/seed\.x: cannot set a key inside 3/);
    expect(parseKeyPath('penalties[2].select[0]')).toEqual(['penalties', 2, 'select', 0]);
  });
});

describe('config files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-config-'));
  it('read YAML and JSON, and report bad files with the line', () => {
    writeFileSync(join(dir, 'a.yaml'), 'seed: 2\nmodel: {use: mlp}\n');
    writeFileSync(join(dir, 'a.json'), '{"seed": 2}');
    writeFileSync(join(dir, 'bad.yaml'), 'seed: 2\nmodel: [unclosed\n');
    writeFileSync(join(dir, 'list.yaml'), '- a\n- b\n');
    expect(readConfigFile(join(dir, 'a.yaml'))).toEqual({ seed: 2, model: { use: 'mlp' } });
    expect(readConfigFile(join(dir, 'a.json'))).toEqual({ seed: 2 });
    expect(() => readConfigFile(join(dir, 'bad.yaml'))).toThrow(/not valid YAML\/JSON at line \d+/);
    expect(() => readConfigFile(join(dir, 'list.yaml'))).toThrow(/expected a mapping/);
    expect(() => readConfigFile(join(dir, 'none.yaml'))).toThrow(/file not found/);
  });
});

describe('setConfigPath', () => {
  it('sets a value by dotted string or by segments, creating arrays for numeric segments', () => {
    const config: Record<string, unknown> = { optimizer: { use: 'adam', lr: 0.1 } };
    setConfigPath(config, 'optimizer.lr', 0.01);
    setConfigPath(config, ['penalties', 0, 'weight'], 0.5);
    expect(config).toEqual({ optimizer: { use: 'adam', lr: 0.01 }, penalties: [{ weight: 0.5 }] });
  });

  it('refuses to descend into a scalar, naming the key', () => {
    const config: Record<string, unknown> = { seed: 3 };
    expect(() => setConfigPath(config, 'seed.value', 1)).toThrow(ConfigError);
    expect(() => setConfigPath(config, 'seed.value', 1)).toThrow(/seed\.value/);
  });
});
