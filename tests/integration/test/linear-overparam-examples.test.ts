import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { PluginRegistry, readConfigFile, register as registerCore, resolveConfig } from '@rankbias/core';
import { register as registerData } from '@rankbias/data-cifar';
import { expandSweep, register as registerEval } from '@rankbias/eval';
import { register } from '@rankbias/linear-overparam';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

function registry(): PluginRegistry {
  const child = container.createChildContainer();
  registerCore(child);
  registerData(child);
  registerEval(child);
  register(child);
  return new PluginRegistry(child);
}

describe('shipped configs (validated, not trained: no dataset needed)', () => {
  it.each(['cnn', 'mlp'])('examples/linear-overparam-%s.yaml and its sweep resolve', (model) => {
    const reg = registry();
    const base = resolveConfig(readConfigFile(join(examples, `linear-overparam-${model}.yaml`)), reg);
    expect(base.overparam).toBeUndefined();
    const sweep = expandSweep(join(examples, `linear-overparam-${model}.sweep.yaml`), reg);
    expect(sweep.runs).toHaveLength(9);
    const depths = sweep.runs.map((r) => (r.config['overparam'] as { depth?: number } | undefined)?.depth ?? 1);
    expect([...new Set(depths)].sort()).toEqual([1, 2, 4]);
  });
});
