/**
 * Every config and sweep shipped under examples/ (and in package example
 * folders) validates against the plugins the workspace really registers, so
 * an option renamed in a plugin cannot leave a broken example behind.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { container as root } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { PluginRegistry, readConfigFile, register as registerCore, resolveConfig } from '@rankbias/core';
import { register as registerCifar } from '@rankbias/data-cifar';
import { register as registerSynthetic } from '@rankbias/data-synthetic';
import { register as registerOverparam } from '@rankbias/linear-overparam';
import { register as registerAdam } from '@rankbias/optim-adam-rank';
import { register as registerDepthMirror } from '@rankbias/reg-depth-mirror';
import { expandSweep, register as registerEval } from '@rankbias/eval';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const yamlIn = (dir: string) =>
  readdirSync(join(repo, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
const files = [...yamlIn('examples'), ...yamlIn('packages/reg-depth-mirror/examples')];

function registry(): PluginRegistry {
  const c = root.createChildContainer();
  for (const register of [registerCore, registerCifar, registerSynthetic, registerOverparam, registerAdam, registerDepthMirror, registerEval]) {
    register(c);
  }
  return new PluginRegistry(c);
}

describe('shipped example configs', () => {
  const reg = registry();

  it('there are examples to check', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain('examples/default-sweep.yaml');
  });

  it.each(files)('%s validates', (file) => {
    const path = join(repo, file);
    const raw = readConfigFile(path);
    if ('base' in raw) {
      expect(expandSweep(path, reg).runs.length).toBeGreaterThan(0);
    } else {
      expect(resolveConfig(raw, reg, file).train.steps).toBeGreaterThan(0);
    }
  });
});
