import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainContext } from '../../src/contracts/callback.js';
import { resolveMetricInfo, TRAINER_METRIC_KEYS } from '../../src/metrics/metric-info.js';
import { EarlyStopping, runTraining } from '../../src/trainer/index.js';
import { resolveFixture } from '../fixtures/trainer/configs.js';
import { useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

function fakeContext() {
  const stops: string[] = [];
  const ctx = {
    requestStop: (r: string) => stops.push(r),
    metricInfo: (key: string) => resolveMetricInfo(TRAINER_METRIC_KEYS, key),
  } as unknown as TrainContext;
  return { ctx, stops };
}

describe('early-stopping callback', () => {
  beforeAll(useCpu);

  it('stops after `patience` evaluations without improvement (min for losses)', () => {
    const cb = new EarlyStopping({ monitor: 'test/loss', patience: 2 });
    const { ctx, stops } = fakeContext();
    for (const v of [1, 0.8, 0.9, 0.85]) cb.onEvalEnd(ctx, { 'test/loss': v });
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatch(/test\/loss did not improve for 2 evaluations \(best 0\.8\)/);
  });

  it('maximises accuracies, honours minDelta, ignores rounds without the key, and keeps its state across a resume', () => {
    const cb = new EarlyStopping({ monitor: 'test/accuracy', patience: 2, minDelta: 0.05 });
    const { ctx, stops } = fakeContext();
    cb.onEvalEnd(ctx, { 'test/accuracy': 0.5 });
    cb.onEvalEnd(ctx, { 'norm/total': 3 });
    cb.onEvalEnd(ctx, { 'test/accuracy': 0.53 });
    const restored = new EarlyStopping({ monitor: 'test/accuracy', patience: 2, minDelta: 0.05 });
    restored.setState(JSON.parse(JSON.stringify(cb.getState())));
    restored.onEvalEnd(ctx, { 'test/accuracy': 0.6 + 1e-9 });
    expect(stops).toHaveLength(0);
    restored.onEvalEnd(ctx, { 'test/accuracy': 0.61 });
    restored.onEvalEnd(ctx, { 'test/accuracy': 0.2 });
    expect(stops).toHaveLength(1);
  });

  it('mode auto takes the declared direction and refuses a metric that declares none', () => {
    const { ctx } = fakeContext();
    expect(() => new EarlyStopping({ monitor: 'penalty/l2', patience: 2 }).onEvalEnd(ctx, { 'penalty/l2': 1 })).toThrow(
      /early-stopping: metric "penalty\/l2" declares no direction .*set mode: min or mode: max/,
    );
    const explicit = new EarlyStopping({ monitor: 'penalty/l2', mode: 'min', patience: 1 });
    explicit.onEvalEnd(ctx, { 'penalty/l2': 1 });
    explicit.onEvalEnd(ctx, { 'penalty/l2': 2 });
    expect(fakeContext().stops).toEqual([]);
  });

  it('ends a run with status "stopped" and the reason', async () => {
    const container = fixtureContainer();
    const raw = {
      seed: 2,
      data: { use: 'fixture-blobs', train: 32, test: 16 },
      model: { use: 'fixture-mlp' },
      optimizer: { use: 'sgd', lr: 1e-9 },
      callbacks: [{ use: 'early-stopping', monitor: 'train/loss', patience: 2, minDelta: 0.01 }],
      loggers: [],
      train: { steps: 50, batchSize: 8, evalEvery: 1 },
    };
    const result = await runTraining(resolveFixture(container, raw), { container, backend: 'cpu' });
    expect(result.status).toBe('stopped');
    expect(result.steps).toBe(2);
    expect((result as { stopReason?: string }).stopReason).toMatch(/early-stopping: train\/loss/);
  });
});
