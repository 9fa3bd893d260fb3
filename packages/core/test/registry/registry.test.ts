import { container } from 'tsyringe';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../../src/contracts/plugin.js';
import { PluginRegistry, registerPlugin, UnknownPluginError } from '../../src/registry/registry.js';

const fake = (name: string, pkg = '@test/a') =>
  definePlugin({
    kind: 'penalty',
    name,
    description: `penalty ${name}`,
    package: pkg,
    options: z.object({ scale: z.number().default(1) }),
    create: (o) => ({ value: () => ({ scale: o.scale }) as never }),
  });

describe('PluginRegistry', () => {
  it('lists registered plugins by kind, sorted, and filters by wildcard', () => {
    const c = container.createChildContainer();
    registerPlugin(c, fake('nuclear'));
    registerPlugin(c, fake('depth-mirror'));
    registerPlugin(c, fake('l2'));
    const reg = new PluginRegistry(c);
    expect(reg.names('penalty')).toEqual(['depth-mirror', 'l2', 'nuclear']);
    expect(reg.list({ name: '*r*' }).map((f) => f.name)).toEqual(['depth-mirror', 'nuclear']);
    expect(reg.names('optimizer')).toEqual([]);
  });

  it('keeps child containers isolated', () => {
    const a = container.createChildContainer();
    const b = container.createChildContainer();
    registerPlugin(a, fake('only-in-a'));
    expect(new PluginRegistry(b).names('penalty')).toEqual([]);
  });

  it('warns on overwrite and the newer registration wins', () => {
    const c = container.createChildContainer();
    const warn = vi.fn();
    registerPlugin(c, fake('x', '@test/old'));
    registerPlugin(c, fake('x', '@test/new'), { onOverwrite: warn });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('@test/old'));
    const reg = new PluginRegistry(c);
    expect(reg.list({ kind: 'penalty' })).toHaveLength(1);
    expect(reg.get('penalty', 'x').package).toBe('@test/new');
  });

  it('unknown names list what exists and which package would provide a known one', () => {
    const c = container.createChildContainer();
    registerPlugin(c, fake('l2'));
    const reg = new PluginRegistry(c);
    expect(() => reg.get('penalty', 'depth-mirror')).toThrow(UnknownPluginError);
    expect(() => reg.get('penalty', 'depth-mirror')).toThrow(/Available penalty plugins: l2/);
    expect(() => reg.get('penalty', 'depth-mirror')).toThrow(/@rankbias\/reg-depth-mirror/);
  });

  it('create validates options with the factory schema and fills defaults', async () => {
    const c = container.createChildContainer();
    registerPlugin(c, fake('p'));
    const reg = new PluginRegistry(c);
    const ctx = { container: c, rng: undefined as never, seed: 0, backend: 'cpu' };
    const p = (await reg.create('penalty', 'p', {}, ctx)) as unknown as { value: () => { scale: number } };
    expect(p.value().scale).toBe(1);
    await expect(reg.create('penalty', 'p', { scale: 'big' }, ctx)).rejects.toThrow();
  });
});
