import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionsJsonSchema } from '../../src/cli/commands/plugins.js';
import { definePlugin } from '../../src/contracts/plugin.js';
import { twoLayerPlugin } from '../../src/models/two-layer.js';

describe('options as JSON schema', () => {
  it('a penalty shows its own options and the common weight/select/coupling', () => {
    const penalty = definePlugin({
      kind: 'penalty',
      name: 'p',
      description: 'd',
      package: 'x',
      options: z.strictObject({ eps: z.number().default(1e-6) }),
      create: () => ({ value: () => undefined as never }),
    });
    const schema = optionsJsonSchema(penalty) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(['coupling', 'eps', 'select', 'weight']);
    expect(schema.required).toEqual(['weight']);
    expect(schema.properties.coupling).toMatchObject({ enum: ['coupled', 'decoupled'] });
  });

  it('refined schemas and defaults are shown on the input side', () => {
    const schema = optionsJsonSchema(twoLayerPlugin) as { properties: Record<string, any>; required?: string[] };
    expect(schema.properties.activation.enum).toEqual(['relu', 'leaky-relu']);
    expect(schema.properties.width.default).toBe(100);
    expect(schema.required ?? []).toEqual([]);
  });

  it('a factory without a zod schema shows no options instead of failing', () => {
    expect(
      optionsJsonSchema({
        kind: 'command',
        name: 'c',
        description: '',
        package: '',
        options: null as never,
        create: () => undefined as never,
      }),
    ).toEqual({});
  });
});
