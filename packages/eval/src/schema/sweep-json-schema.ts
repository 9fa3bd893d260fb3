import { allowExtends, z, type JsonSchema } from '@rankbias/core';
import { sweepSchema } from '../sweep/schema.js';

/**
 * JSON schema (draft-07) of a sweep file: the sweep's own keys from its zod
 * schema, with `base` either a config path or a whole config checked against
 * `config` (the schema `rankbias schema` generates from the installed plugins).
 */
export function sweepJsonSchema(config: JsonSchema): JsonSchema {
  const sweep = z.toJSONSchema(sweepSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as JsonSchema;
  const { $schema: _schema, title: _title, description: configDescription, ...configBody } = config;
  const properties = { ...(sweep.properties as Record<string, JsonSchema>) };
  properties.base = {
    description: 'the base experiment config: a path relative to this file, or the config itself',
    anyOf: [{ type: 'string', minLength: 1 }, { $ref: '#/definitions/config' }],
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'rankbias sweep (rankbias compare)',
    description: configDescription,
    ...allowExtends({ ...sweep, properties }),
    definitions: { ...(sweep.definitions as object | undefined), config: configBody },
  };
}
