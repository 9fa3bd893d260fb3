import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { container } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { PluginRegistry } from '../../src/registry/registry.js';
import { PluginLoadError } from '../../src/discovery/errors.js';
import { loadPlugins } from '../../src/discovery/load.js';
import { checkConfigPluginNames } from '../../src/discovery/plugin-names.js';
import { findPluginPackages, searchDirs } from '../../src/discovery/scan.js';

/** A plugin module that registers one penalty factory and counts its registrations. */
const pluginSource = (name: string) => `
export function register(container) {
  globalThis.__rbRegistrations = (globalThis.__rbRegistrations ?? 0) + 1;
  container.register(Symbol.for('rankbias:penalty'), { useValue: {
    kind: 'penalty', name: ${JSON.stringify(name)}, description: 'fake', package: 'fake', options: null, create() {} } });
}
`;

function writePackage(dir: string, manifest: object, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', ...manifest }));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
}

let root: string;
let project: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rankbias-discovery-'));
  project = join(root, 'project');
  const nm = join(project, 'node_modules');
  writePackage(
    join(nm, 'rb-plain'),
    { name: 'rb-plain', rankbias: { plugin: true }, main: 'main.js' },
    { 'main.js': pluginSource('plain') },
  );
  writePackage(
    join(nm, '@scope', 'rb-scoped'),
    {
      name: '@scope/rb-scoped',
      rankbias: { plugin: true },
      exports: { '.': { types: './x.d.ts', import: './dist/index.js' } },
    },
    {},
  );
  mkdirSync(join(nm, '@scope', 'rb-scoped', 'dist'));
  writeFileSync(join(nm, '@scope', 'rb-scoped', 'dist', 'index.js'), pluginSource('scoped'));
  writePackage(
    join(nm, 'not-a-plugin'),
    { name: 'not-a-plugin', main: 'index.js' },
    { 'index.js': pluginSource('unmarked') },
  );
  writePackage(
    join(nm, 'rb-broken'),
    { name: 'rb-broken', rankbias: { plugin: true }, main: 'index.js' },
    { 'index.js': 'export const x = 1;' },
  );
  // the same package reachable twice: a real copy above the project and a link to it inside
  writePackage(
    join(root, 'node_modules', 'rb-shared'),
    { name: 'rb-shared', rankbias: { plugin: true }, main: 'index.js' },
    {
      'index.js': pluginSource('shared'),
    },
  );
  symlinkSync(join(root, 'node_modules', 'rb-shared'), join(nm, 'rb-shared'), 'dir');
  mkdirSync(join(project, 'src', 'deep'), { recursive: true });
  writeFileSync(join(project, 'local-plugin.mjs'), pluginSource('local'));
  writePackage(
    join(project, 'local-pkg'),
    { name: 'local-pkg', main: 'index.js' },
    { 'index.js': pluginSource('local-pkg') },
  );
});

describe('plugin discovery', () => {
  it('finds marked packages, scoped ones included, from a nested cwd, each real directory once', () => {
    const found = findPluginPackages({ cwd: join(project, 'src', 'deep'), includeModulePaths: false });
    expect(found.map((p) => p.name).sort()).toEqual(['@scope/rb-scoped', 'rb-broken', 'rb-plain', 'rb-shared']);
  });

  it('also searches where Node resolves rankbias itself from, so a CLI run anywhere finds its siblings', () => {
    const workspaceModules = realpathSync(fileURLToPath(new URL('../../../../node_modules', import.meta.url)));
    const dirs = searchDirs({ cwd: project }).map((d) => realpathSync(d));
    expect(dirs[0]).toBe(realpathSync(join(project, 'node_modules')));
    expect(dirs).toContain(workspaceModules);
    expect(searchDirs({ cwd: project, includeModulePaths: false }).map((d) => realpathSync(d))).not.toContain(
      workspaceModules,
    );
    expect(new Set(dirs).size).toBe(dirs.length);
  });

  it('imports and registers discovered packages, skipping broken ones with a warning', async () => {
    const c = container.createChildContainer();
    const warnings: string[] = [];
    (globalThis as Record<string, unknown>).__rbRegistrations = 0;
    const loaded = await loadPlugins(c, {
      cwd: project,
      includeModulePaths: false,
      onWarning: (m) => warnings.push(m),
    });
    expect(loaded.map((l) => l.name).sort()).toEqual(['@scope/rb-scoped', 'rb-plain', 'rb-shared']);
    expect(new PluginRegistry(c).names('penalty')).toEqual(['plain', 'scoped', 'shared']);
    expect((globalThis as Record<string, unknown>).__rbRegistrations).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/rb-broken.*register\(container\)/);
  });

  it('loads packages a config names, and says how to install a missing one', async () => {
    const c = container.createChildContainer();
    await loadPlugins(c, { cwd: project, includeModulePaths: false, discover: false, packages: ['not-a-plugin'] });
    expect(new PluginRegistry(c).names('penalty')).toEqual(['unmarked']);
    const err = await loadPlugins(c, {
      cwd: project,
      includeModulePaths: false,
      discover: false,
      packages: ['rb-missing'],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(PluginLoadError);
    expect(err.message).toContain('npm install rb-missing');
  });

  it('never loads a path from a config: the error points at --plugin', async () => {
    expect(() => checkConfigPluginNames(['@rankbias/eval', './local-plugin.mjs'])).toThrow(ConfigError);
    try {
      checkConfigPluginNames(['@rankbias/eval', './local-plugin.mjs']);
    } catch (e) {
      expect((e as ConfigError).issues).toEqual([
        { path: 'plugins[1]', message: expect.stringContaining('--plugin ./local-plugin.mjs') },
      ]);
    }
    for (const bad of ['/abs/plugin', '../up', 'C:\\x', 'dir/file.js', 'file:./x']) {
      expect(() => checkConfigPluginNames([bad])).toThrow(/local path/);
    }
    const c = container.createChildContainer();
    await expect(loadPlugins(c, { cwd: project, discover: false, packages: ['./local-plugin.mjs'] })).rejects.toThrow(
      ConfigError,
    );
    expect(new PluginRegistry(c).names('penalty')).toEqual([]);
  });

  it('loads local files and package folders given with --plugin', async () => {
    const c = container.createChildContainer();
    const loaded = await loadPlugins(c, { cwd: project, discover: false, paths: ['./local-plugin.mjs', 'local-pkg'] });
    expect(loaded.map((l) => l.source)).toEqual(['path', 'path']);
    expect(new PluginRegistry(c).names('penalty')).toEqual(['local', 'local-pkg']);
    await expect(loadPlugins(c, { cwd: project, discover: false, paths: ['./nope.mjs'] })).rejects.toThrow(
      /no such file/,
    );
  });
});
