import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_LIMITS } from '../../src/config/limits.js';
import { readConfigFile } from '../../src/config/load.js';
import { applyOverrides } from '../../src/config/overrides.js';

function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-load-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The message of what `fn` throws, checked to be a single line. */
function oneLine(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected an error');
}

describe('config files: hostile content', () => {
  it('refuses nested __proto__, constructor and prototype keys (YAML and JSON) instead of dropping them', () => {
    const dir = configDir({
      'a.yaml': 'model:\n  use: mlp\n  __proto__:\n    polluted: 1\n',
      'b.json': '{"model": {"layers": [{"constructor": {"prototype": 1}}]}}',
    });
    expect(oneLine(() => readConfigFile(join(dir, 'a.yaml')))).toMatch(
      /model\.__proto__: "__proto__" is not allowed as a key/,
    );
    expect(oneLine(() => readConfigFile(join(dir, 'b.json')))).toMatch(
      /model\.layers\[0\]\.constructor: "constructor" is not allowed/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses YAML tags such as !!js/function with one line naming the tag and the line', () => {
    const dir = configDir({
      'f.yaml': 'seed: 1\nmodel: !!js/function "function () { return 1 }"\n',
      'b.yaml': 'x: !!binary aGVsbG8=\n',
      'c.yaml': 'x: !custom 1\n',
    });
    expect(oneLine(() => readConfigFile(join(dir, 'f.yaml')))).toMatch(
      /the YAML tag tag:yaml\.org,2002:js\/function at line 2, column 8 is not allowed/,
    );
    expect(oneLine(() => readConfigFile(join(dir, 'b.yaml')))).toMatch(/b\.yaml: x: a Buffer is not config data/);
    expect(oneLine(() => readConfigFile(join(dir, 'c.yaml')))).toMatch(/YAML tag !custom .*not allowed/);
  });

  it('refuses an oversized file before parsing it', () => {
    let text = '';
    while (text.length <= CONFIG_LIMITS.maxFileBytes) text += '- [1, 2, 3]\n';
    const dir = configDir({ 'big.yaml': text });
    expect(oneLine(() => readConfigFile(join(dir, 'big.yaml')))).toMatch(
      /is \d+ bytes, over the limit of 262144 for a config file/,
    );
  });

  it('refuses deep nesting, long lists and alias bombs', () => {
    const depth = CONFIG_LIMITS.maxDepth + 2;
    const dir = configDir({
      'deep.yaml': `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      'deeper.yaml': `a: ${'['.repeat(5000)}\n`,
      'long.yaml': `a: [${Array.from({ length: CONFIG_LIMITS.maxListLength + 1 }, () => '0').join(',')}]\n`,
      'laughs.yaml':
        [
          'a: &a [x, x, x, x, x, x, x, x, x]',
          ...Array.from(
            { length: 8 },
            (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`,
          ),
        ].join('\n') + '\n',
      'dup.yaml': 'seed: 1\nseed: 2\n',
    });
    expect(oneLine(() => readConfigFile(join(dir, 'deep.yaml')))).toMatch(/nested more than 32 levels deep/);
    expect(oneLine(() => readConfigFile(join(dir, 'deeper.yaml')))).toMatch(/not valid YAML\/JSON/);
    expect(oneLine(() => readConfigFile(join(dir, 'long.yaml')))).toMatch(
      /a: list of 10001 items exceeds the limit of 10000/,
    );
    expect(oneLine(() => readConfigFile(join(dir, 'laughs.yaml')))).toMatch(/not valid YAML\/JSON: .*alias/i);
    expect(oneLine(() => readConfigFile(join(dir, 'dup.yaml')))).toMatch(/unique/i);
  });

  it('gives null-prototype mappings', () => {
    const dir = configDir({ 'a.yaml': 'model: {use: mlp}\n' });
    const data = readConfigFile(join(dir, 'a.yaml'));
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(Object.getPrototypeOf(data.model)).toBeNull();
  });
});

describe('extends', () => {
  it('merges bases in order, then the file, then overrides (mappings key by key, lists replaced)', () => {
    const dir = configDir({
      'base.yaml': 'seed: 1\nmodel: {use: mlp, hidden: [8, 8], activation: relu}\ntrain: {steps: 100, lr: 0.1}\n',
      'wide.yaml': 'model: {hidden: [64]}\ntrain: {steps: 200}\n',
      'run.yaml': 'extends: [./base.yaml, ./wide.yaml]\ntrain: {steps: 300}\nname: run\n',
    });
    const merged = readConfigFile(join(dir, 'run.yaml'));
    expect(JSON.parse(JSON.stringify(merged))).toEqual({
      seed: 1,
      model: { use: 'mlp', hidden: [64], activation: 'relu' },
      train: { steps: 300, lr: 0.1 },
      name: 'run',
    });
    expect(JSON.parse(JSON.stringify(applyOverrides(merged, ['train.steps=5'])))).toMatchObject({
      train: { steps: 5, lr: 0.1 },
    });
  });

  it('resolves a string extends relative to the file naming it, through several levels', () => {
    const dir = configDir({ 'top.yaml': 'seed: 7\nmodel: {use: mlp}\n' });
    const sub = mkdtempSync(join(dir, 'sub-'));
    writeFileSync(join(sub, 'mid.yaml'), 'extends: ../top.yaml\nmodel: {hidden: [4]}\n');
    writeFileSync(join(sub, 'leaf.yaml'), 'extends: ./mid.yaml\nseed: 9\n');
    expect(JSON.parse(JSON.stringify(readConfigFile(join(sub, 'leaf.yaml'))))).toEqual({
      seed: 9,
      model: { use: 'mlp', hidden: [4] },
    });
  });

  it('refuses a cycle naming the chain, and a missing base naming it', () => {
    const dir = configDir({
      'a.yaml': 'extends: ./b.yaml\n',
      'b.yaml': 'extends: [./c.yaml]\n',
      'c.yaml': 'extends: ./a.yaml\n',
      'self.yaml': 'extends: ./self.yaml\n',
      'lost.yaml': 'extends: ./nowhere.yaml\n',
      'bad.yaml': 'extends: 3\n',
      'evil.yaml': 'extends: ./evil-base.yaml\n',
      'evil-base.yaml': 'model:\n  __proto__: {polluted: 1}\n',
    });
    expect(oneLine(() => readConfigFile(join(dir, 'a.yaml')))).toMatch(
      new RegExp(
        `extends: cycle: ${join(dir, 'a.yaml')} → ${join(dir, 'b.yaml')} → ${join(dir, 'c.yaml')} → ${join(dir, 'a.yaml')}`,
      ),
    );
    expect(oneLine(() => readConfigFile(join(dir, 'self.yaml')))).toMatch(/cycle: .*self\.yaml → .*self\.yaml/);
    expect(oneLine(() => readConfigFile(join(dir, 'lost.yaml')))).toMatch(
      /lost\.yaml: extends: base file not found: .*nowhere\.yaml \(given as "\.\/nowhere\.yaml"/,
    );
    expect(oneLine(() => readConfigFile(join(dir, 'bad.yaml')))).toMatch(
      /extends: expected a file path or a list of file paths/,
    );
    expect(oneLine(() => readConfigFile(join(dir, 'evil.yaml')))).toMatch(
      /evil-base\.yaml: model\.__proto__: "__proto__" is not allowed/,
    );
  });
});
