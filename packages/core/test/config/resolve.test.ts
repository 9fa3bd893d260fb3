import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../../src/contracts/plugin.js';
import { register } from '../../src/register.js';
import { PluginRegistry, registerPlugin } from '../../src/registry/registry.js';
import { ConfigError } from '../../src/config/errors.js';
import { resolveConfig } from '../../src/config/resolve.js';

function registry(): PluginRegistry {
  const c = container.createChildContainer();
  register(c);
  registerPlugin(
    c,
    definePlugin({
      kind: 'penalty',
      name: 'fake-nuclear',
      description: 'test penalty',
      package: '@test/penalty',
      options: z.strictObject({ eps: z.number().positive().default(1e-6) }),
      create: () => ({ value: () => undefined as never }),
    }),
  );
  return new PluginRegistry(c);
}

const base = () => ({
  data: { use: 'gaussian-mixture', classes: 3 },
  model: { use: 'mlp', hidden: [8] },
  optimizer: { use: 'sgd', lr: 0.1 },
  penalties: [{ use: 'fake-nuclear', weight: 0.1 }],
  train: { steps: 10 },
});

function issuesOf(raw: unknown): { path: string; message: string }[] {
  try {
    resolveConfig(raw, registry(), 'test.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toContain('test.yaml');
    return [...(e as ConfigError).issues];
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig errors', () => {
  it('name the path, the bad value and the valid choices', () => {
    const raw = base();
    (raw.penalties[0] as Record<string, unknown>).weight = -1;
    (raw.penalties[0] as Record<string, unknown>).coupling = 'sideways';
    (raw.model as Record<string, unknown>).activation = 'relux';
    const issues = issuesOf(raw);
    const at = (p: string) => issues.find((i) => i.path === p)?.message ?? '';
    expect(at('penalties[0].weight')).toMatch(/>=0.*\(got -1\)/);
    expect(at('penalties[0].coupling')).toMatch(/"coupled"\|"decoupled".*\(got "sideways"\)/);
    expect(at('model.activation')).toMatch(/"relu"\|"leaky-relu".*\(got "relux"\)/);
  });

  it('list the valid keys for an unknown key, including the common ones', () => {
    const raw = base();
    (raw.model as Record<string, unknown>).hiden = [4];
    (raw.penalties[0] as Record<string, unknown>).wieght = 1;
    const issues = issuesOf(raw);
    const at = (p: string) =>
      issues
        .filter((i) => i.path === p)
        .map((i) => i.message)
        .join(' | ');
    expect(at('model')).toMatch(/unknown key\(s\) "hiden"; valid keys: hidden, activation, .*use/);
    expect(at('penalties[0]')).toMatch(/unknown key\(s\) "wieght"; valid keys: eps, use, weight, select, coupling/);
    const top = issuesOf({ ...base(), trian: {} });
    expect(top).toEqual([
      {
        path: '',
        message: expect.stringMatching(/"trian".*valid keys: name, description, seed, backend, linalg, plugins/),
      },
    ]);
  });

  it('explain unions and nested paths', () => {
    const raw = base();
    (raw.train as Record<string, unknown>).batchSize = 'half';
    (raw.model as Record<string, unknown>).hidden = [8, -2];
    const issues = issuesOf(raw);
    expect(issues).toContainEqual({
      path: 'train.batchSize',
      message: expect.stringMatching(/expected number, or "full" \(got "half"\)/),
    });
    const first = issuesOf({ ...base(), model: { use: 'mlp', hidden: [8, -2] } });
    expect(first).toEqual([{ path: 'model.hidden[1]', message: expect.stringMatching(/>0 \(got -2\)/) }]);
  });

  it('an unknown plugin lists the names that exist and the package that provides a known one', () => {
    const issues = issuesOf({ ...base(), model: { use: 'mlpx' }, optimizer: { use: 'adamw' } });
    expect(issues).toContainEqual({
      path: 'model.use',
      message: expect.stringContaining('Available: cnn, deep-linear, mlp, two-layer'),
    });
    expect(issues).toContainEqual({
      path: 'optimizer.use',
      message: expect.stringContaining('npm install @rankbias/optim-adam-rank'),
    });
  });

  it('a valid config resolves with every default filled in', () => {
    const config = resolveConfig(base(), registry());
    expect(config.model.options).toMatchObject({ hidden: [8], activation: 'relu', dropout: 0, batchNorm: false });
    expect(config.penalties[0]).toMatchObject({
      use: 'fake-nuclear',
      options: { eps: 1e-6 },
      common: { weight: 0.1, coupling: 'coupled' },
    });
    expect(config.train).toMatchObject({ steps: 10, batchSize: 64, evalSplits: ['train', 'test'] });
    expect(config.backend).toBe('auto');
  });
});
