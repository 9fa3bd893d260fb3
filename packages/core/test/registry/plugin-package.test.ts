import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../../src/contracts/plugin.js';
import { definePluginPackage } from '../../src/registry/plugin-package.js';
import { PluginRegistry } from '../../src/registry/registry.js';

const penalty = (name: string) =>
  definePlugin({
    kind: 'penalty',
    name,
    description: `penalty ${name}`,
    options: z.strictObject({}),
    create: () => ({ value: () => undefined as never }),
  });

describe('definePluginPackage', () => {
  it('stamps the package name from package.json on every factory and registers them all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-plugin-package-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: '@test/pkg', rankbias: { plugin: true, provides: { penalty: ['b', 'a'] } } }),
    );
    const a = penalty('a');
    const b = penalty('b');
    expect(a.package).toBe('');
    const pkg = definePluginPackage(pathToFileURL(join(dir, 'package.json')), [a, b]);
    expect(pkg.name).toBe('@test/pkg');
    expect([a.package, b.package]).toEqual(['@test/pkg', '@test/pkg']);
    const c = container.createChildContainer();
    pkg.register(c);
    expect(new PluginRegistry(c).list().map((f) => `${f.package} ${f.kind}:${f.name}`)).toEqual([
      '@test/pkg penalty:a',
      '@test/pkg penalty:b',
    ]);
  });

  it('fails when rankbias.provides and the factories disagree, naming each difference', () => {
    const manifest = { name: '@test/pkg', rankbias: { plugin: true, provides: { penalty: ['a', 'gone'], model: [] } } };
    expect(() => definePluginPackage(manifest, [penalty('a'), penalty('new')])).toThrow(
      /registered but not listed: penalty:new; listed but not registered: penalty:gone/,
    );
    expect(() =>
      definePluginPackage({ name: 'x', rankbias: { provides: { nope: ['a'] } as never } }, [penalty('a')]),
    ).toThrow(/unknown kinds nope/);
  });

  it('refuses a factory that already belongs to another package', () => {
    const owned = definePlugin({ ...penalty('a'), package: '@test/other' });
    expect(() => definePluginPackage({ name: '@test/pkg' }, [owned])).toThrow(/already belongs to @test\/other/);
    expect(definePluginPackage({ name: '@test/other' }, [owned]).name).toBe('@test/other');
  });
});
