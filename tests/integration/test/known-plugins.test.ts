/**
 * core's table of "which package provides plugin X" (used in config errors
 * for plugins that are not installed) must match what the workspace's
 * plugin packages really register.
 */
import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { KNOWN_PLUGIN_PACKAGES, PluginRegistry, type PluginKind } from '../../src/index.js';

const packages = {
  '@rankbias/optim-adam-rank': () => import('@rankbias/optim-adam-rank'),
  '@rankbias/reg-depth-mirror': () => import('@rankbias/reg-depth-mirror'),
  '@rankbias/linear-overparam': () => import('@rankbias/linear-overparam'),
  '@rankbias/data-cifar': () => import('@rankbias/data-cifar'),
  '@rankbias/data-synthetic': () => import('@rankbias/data-synthetic'),
  '@rankbias/eval': () => import('@rankbias/eval'),
} as const;

describe('KNOWN_PLUGIN_PACKAGES', () => {
  it('names, for every entry, a package that registers that plugin under that package name', async () => {
    const registered = new Map<string, string>();
    for (const [pkg, load] of Object.entries(packages)) {
      const mod = (await load()) as { register(c: typeof container): void };
      const child = container.createChildContainer();
      mod.register(child);
      for (const f of new PluginRegistry(child).list()) {
        expect(f.package, `${f.kind}:${f.name} declares its package`).toBe(pkg);
        registered.set(`${f.kind}:${f.name}`, pkg);
      }
    }
    const wrong = Object.entries(KNOWN_PLUGIN_PACKAGES).filter(([key, pkg]) => registered.get(key) !== pkg);
    expect(wrong, 'entries whose package does not register them').toEqual([]);
  });

  it('covers every plugin the workspace packages register', async () => {
    const missing: string[] = [];
    for (const load of Object.values(packages)) {
      const mod = (await load()) as { register(c: typeof container): void };
      const child = container.createChildContainer();
      mod.register(child);
      for (const f of new PluginRegistry(child).list()) {
        const key = `${f.kind as PluginKind}:${f.name}`;
        if (!(key in KNOWN_PLUGIN_PACKAGES)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });
});
