import { container as root, type DependencyContainer } from 'tsyringe';
import { definePlugin, PluginRegistry, registerPlugin, z } from '@rankbias/core';

/**
 * Minimal factories with strict option schemas, so sweep expansion can be
 * tested against real config validation without any training package.
 */
export function toyRegistry(): { container: DependencyContainer; registry: PluginRegistry } {
  const container = root.createChildContainer();
  const fail = () => {
    throw new Error('toy plugins are for config validation only');
  };
  registerPlugin(
    container,
    definePlugin({
      kind: 'dataset',
      name: 'toy-data',
      description: 'toy',
      package: 'test',
      options: z.strictObject({ n: z.number().int().positive().default(10), fail: z.boolean().default(false) }),
      create: fail,
    }),
  );
  registerPlugin(
    container,
    definePlugin({
      kind: 'model',
      name: 'toy-model',
      description: 'toy',
      package: 'test',
      options: z.strictObject({ depth: z.number().int().positive().default(1) }),
      create: fail,
    }),
  );
  registerPlugin(
    container,
    definePlugin({
      kind: 'optimizer',
      name: 'toy-opt',
      description: 'toy',
      package: 'test',
      options: z.strictObject({ lr: z.number().positive() }),
      create: fail,
    }),
  );
  registerPlugin(
    container,
    definePlugin({
      kind: 'penalty',
      name: 'toy-pen',
      description: 'toy',
      package: 'test',
      options: z.strictObject({}),
      create: fail,
    }),
  );
  return { container, registry: new PluginRegistry(container) };
}

export const toyBase = {
  data: { use: 'toy-data' },
  model: { use: 'toy-model', depth: 1 },
  optimizer: { use: 'toy-opt', lr: 0.1 },
  penalties: [{ use: 'toy-pen', weight: 0 }],
  train: { steps: 10 },
};
