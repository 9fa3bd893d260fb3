import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { container as root } from 'tsyringe';
import { PluginRegistry, register as registerCore } from '@rankbias/core';
import { register as registerSynthetic } from '@rankbias/data-synthetic';
import { register as registerAdam } from '@rankbias/optim-adam-rank';
import { register as registerDepthMirror } from '@rankbias/reg-depth-mirror';
import { expandSweep, register as registerEval } from '@rankbias/eval';

const DEFAULT_SWEEP = fileURLToPath(new URL('../../../examples/default-sweep.yaml', import.meta.url));

describe('examples/default-sweep.yaml (the README main job)', () => {
  it('expands against the real plugins into 9 groups × 3 seeds of valid configs', () => {
    const c = root.createChildContainer();
    for (const register of [registerCore, registerSynthetic, registerAdam, registerDepthMirror, registerEval])
      register(c);
    const sweep = expandSweep(DEFAULT_SWEEP, new PluginRegistry(c));
    expect(sweep.runs).toHaveLength(27);
    expect(new Set(sweep.runs.map((r) => r.group)).size).toBe(9);
    expect(sweep.axes).toEqual(['variant', 'model.depth']);
    expect(sweep.spec.target).toEqual({ metric: 'test/rel_error', mode: 'min', use: 'final' });
    const adamPenalty = sweep.runs.find(
      (r) => r.params.variant === 'Adam + depth-mirror' && r.params['model.depth'] === 1,
    )!;
    expect(adamPenalty.config).toMatchObject({
      backend: 'auto',
      model: { use: 'matrix-factorization', depth: 1 },
      optimizer: { use: 'adam', lr: 0.01, betas: [0.9, 0.9] },
      penalties: [{ use: 'depth-mirror', weight: 0.01, select: ['end-to-end'] }],
    });
    const gdPenalty = sweep.runs.find(
      (r) => r.params.variant === 'GD + depth-mirror' && r.params['model.depth'] === 1,
    )!;
    expect(gdPenalty.config).toMatchObject({
      optimizer: { use: 'gd', lr: 5 },
      penalties: [{ use: 'depth-mirror', weight: 0.01 }],
    });
  });
});
