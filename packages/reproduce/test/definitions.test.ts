import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPluginContainer, PluginRegistry, InputError } from '@rankbias/core';
import { register as registerCifar } from '@rankbias/data-cifar';
import { register as registerSynthetic } from '@rankbias/data-synthetic';
import { expandSweep, register as registerEval } from '@rankbias/eval';
import { register as registerOverparam } from '@rankbias/linear-overparam';
import { register as registerAdamRank } from '@rankbias/optim-adam-rank';
import { register as registerDepthMirror } from '@rankbias/reg-depth-mirror';
import { loadDefinitions, mergePatch, scaledSweep, SCALES, selectClaims } from '../src/index.js';

describe('shipped definitions', () => {
  const defs = loadDefinitions();

  it('cover all five seed results with numbered claims', () => {
    expect(new Set(defs.claims.map((c) => c.result))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(defs.claims.map((c) => c.id)).toEqual(
      [...defs.claims.map((c) => c.id)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    );
  });

  it('every experiment expands to valid configs against the real plugins at every scale', () => {
    const container = createPluginContainer();
    for (const reg of [
      registerEval,
      registerSynthetic,
      registerCifar,
      registerOverparam,
      registerAdamRank,
      registerDepthMirror,
    ])
      reg(container);
    const registry = new PluginRegistry(container);
    const dir = mkdtempSync(join(tmpdir(), 'repro-defs-'));
    for (const e of defs.experiments.values()) {
      for (const scale of SCALES) {
        const file = join(dir, `${e.name}-${scale}.json`);
        writeFileSync(file, JSON.stringify(scaledSweep(e, scale)));
        const sweep = expandSweep(file, registry);
        expect(sweep.runs.length, `${e.name} at ${scale}`).toBeGreaterThan(0);
        // Every seed varies the data draw too: no experiment pins dataSeed.
        for (const r of sweep.runs) expect((r.config.data as Record<string, unknown>).dataSeed).toBeUndefined();
      }
    }
  });

  it('smoke runs at least two seeds (an interval needs them) and fewer steps than paper', () => {
    for (const e of defs.experiments.values()) {
      const smoke = scaledSweep(e, 'smoke');
      const paper = scaledSweep(e, 'paper');
      expect((smoke.seeds as number[]).length ?? smoke.seeds, e.name).toBeGreaterThanOrEqual(2);
      const steps = (s: Record<string, unknown>) => (s.base as { train: { steps: number } }).train.steps;
      expect(steps(smoke), e.name).toBeLessThanOrEqual(steps(paper));
    }
  });

  it('selects claims by id or result number and names unknown ones', () => {
    expect(selectClaims(defs.claims, ['4']).every((c) => c.result === 4)).toBe(true);
    expect(selectClaims(defs.claims, ['2.1']).map((c) => c.id)).toEqual(['2.1']);
    expect(() => selectClaims(defs.claims, ['9.9'])).toThrow(/unknown claim\(s\) 9\.9/);
  });
});

describe('definition checks', () => {
  function writeDefs(claim: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'repro-bad-'));
    mkdirSync(join(dir, 'claims'));
    mkdirSync(join(dir, 'experiments'));
    writeFileSync(
      join(dir, 'experiments', 'e.yaml'),
      'name: e\ndescription: d\nsweep: {base: {}, grid: {model.depth: [1, 2]}, seeds: [0, 1]}\nscales: {smoke: {grid: {model.depth: [1]}}}\n',
    );
    writeFileSync(join(dir, 'claims', 'c.yaml'), claim);
    return dir;
  }
  const claim = (group: string) =>
    `id: '1.1'\nresult: 1\nclaim: c\nsetting: s\nexperiment: e\nstatistic: {kind: mean, metric: m, group: ${group}}\ncriterion: {below: 1}\n`;

  it('accepts a group every scale runs', () => {
    expect(loadDefinitions(writeDefs(claim('{model.depth: 1}'))).claims).toHaveLength(1);
  });

  it('refuses a group that one scale does not run, naming the claim, the scale and the values', () => {
    expect(() => loadDefinitions(writeDefs(claim('{model.depth: 2}')))).toThrow(InputError);
    expect(() => loadDefinitions(writeDefs(claim('{model.depth: 2}')))).toThrow(
      /claim 1\.1, statistic\.group at scale smoke: model\.depth = 2 is not among its values \[1\]/,
    );
  });

  it('refuses an unknown axis and an unknown experiment', () => {
    expect(() => loadDefinitions(writeDefs(claim('{model.width: 2}')))).toThrow(/"model\.width" is not an axis/);
    expect(() => loadDefinitions(writeDefs(claim('{}').replace('experiment: e', 'experiment: nope')))).toThrow(
      /unknown experiment "nope"/,
    );
  });
});

describe('mergePatch', () => {
  it('merges mappings, replaces lists and scalars, deletes on null', () => {
    const out = mergePatch({ a: { b: 1, c: [1, 2] }, d: 1, e: 2 }, { a: { c: [3] }, d: null, f: { g: 1 } });
    expect(JSON.parse(JSON.stringify(out))).toEqual({ a: { b: 1, c: [3] }, e: 2, f: { g: 1 } });
  });

  it('refuses prototype keys', () => {
    expect(() => mergePatch({}, JSON.parse('{"__proto__": {"x": 1}}'))).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
