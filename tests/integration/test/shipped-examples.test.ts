/**
 * Every config and sweep shipped under examples/ (and in package example
 * folders) validates against the plugins the workspace really registers, so
 * an option renamed in a plugin cannot leave a broken example behind.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfigFile, resolveConfig } from '@rankbias/core';
import { expandSweep } from '@rankbias/eval';
import { workspaceRegistry } from './support/workspace-registry.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const yamlIn = (dir: string) =>
  readdirSync(join(repo, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
const files = [...yamlIn('examples'), ...yamlIn('packages/reg-depth-mirror/examples')];

describe('shipped example configs', () => {
  const reg = workspaceRegistry();

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
