/**
 * core's table of "which package provides plugin X" (used in config errors
 * for plugins that are not installed) is generated from the packages'
 * package.json "rankbias.provides": the table must be fresh, and each
 * package must register exactly what it lists, under its own name.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { KNOWN_PLUGIN_PACKAGES, PluginRegistry, register as registerCore } from '@rankbias/core';
import { KNOWN_PLUGINS_FILE, knownPluginsSource } from '../../../scripts/known-plugins.ts';

const packages = {
  '@rankbias/optim-adam-rank': () => import('@rankbias/optim-adam-rank'),
  '@rankbias/reg-depth-mirror': () => import('@rankbias/reg-depth-mirror'),
  '@rankbias/linear-overparam': () => import('@rankbias/linear-overparam'),
  '@rankbias/data-cifar': () => import('@rankbias/data-cifar'),
  '@rankbias/data-synthetic': () => import('@rankbias/data-synthetic'),
  '@rankbias/eval': () => import('@rankbias/eval'),
  '@rankbias/reproduce': () => import('@rankbias/reproduce'),
  '@rankbias/sweep-queue': () => import('@rankbias/sweep-queue'),
} as const;

const dirOf = (pkg: string) => pkg.replace('@rankbias/', '');
const provides = (pkg: string): string[] => {
  const manifest = JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../packages/${dirOf(pkg)}/package.json`, import.meta.url)), 'utf8'),
  );
  return Object.entries(manifest.rankbias.provides as Record<string, string[]>)
    .flatMap(([kind, names]) => names.map((n) => `${kind}:${n}`))
    .sort();
};

async function registered(load: () => Promise<unknown>): Promise<{ key: string; pkg: string }[]> {
  const mod = (await load()) as { register(c: typeof container): void };
  const child = container.createChildContainer();
  mod.register(child);
  return new PluginRegistry(child).list().map((f) => ({ key: `${f.kind}:${f.name}`, pkg: f.package }));
}

describe('KNOWN_PLUGIN_PACKAGES', () => {
  it("is up to date with the packages' rankbias.provides (npm run generate:known-plugins)", () => {
    expect(readFileSync(KNOWN_PLUGINS_FILE, 'utf8')).toBe(knownPluginsSource());
  });

  it('each package registers exactly what its package.json provides, under its own name', async () => {
    for (const [pkg, load] of Object.entries(packages)) {
      const got = await registered(load);
      expect(got.map((r) => r.key).sort(), pkg).toEqual(provides(pkg));
      for (const r of got) expect(r.pkg, `${r.key} declares its package`).toBe(pkg);
    }
    const core = container.createChildContainer();
    registerCore(core);
    expect(
      new PluginRegistry(core)
        .list()
        .map((f) => `${f.kind}:${f.name}`)
        .sort(),
    ).toEqual(provides('@rankbias/core'));
  });

  it('names, for every entry, a package that registers that plugin, and covers every plugin registered', async () => {
    const byKey = new Map<string, string>();
    for (const load of Object.values(packages)) for (const r of await registered(load)) byKey.set(r.key, r.pkg);
    expect(Object.entries(KNOWN_PLUGIN_PACKAGES).filter(([key, pkg]) => byKey.get(key) !== pkg)).toEqual([]);
    expect([...byKey.keys()].filter((key) => !(key in KNOWN_PLUGIN_PACKAGES))).toEqual([]);
  });
});
