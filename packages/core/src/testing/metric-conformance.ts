import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { container as rootContainer } from 'tsyringe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricKeyInfo } from '../contracts/metric.js';
import type { PluginFactory } from '../contracts/plugin.js';
import { resolveConfig } from '../config/resolve.js';
import { metricDescriptionProblems, resolveMetricInfo } from '../metrics/metric-info.js';
import { PluginRegistry, registerPlugin, type AnyPluginFactory } from '../registry/registry.js';
import { buildComponents, type RunComponents } from '../trainer/components.js';
import { evaluateSplit } from '../trainer/evaluate.js';
import { conformanceFixtures } from './conformance-plugins.js';

/** What `describeMetricConformance` tests. */
export interface MetricConformanceOptions {
  /** The metric factory under test (made with `definePlugin`). */
  readonly factory: PluginFactory<'metric', any>;
  /** Raw options as a config would give them; default `{}`. */
  readonly options?: Record<string, unknown>;
  /** Data and model to compute it on (default the conformance regression data and MLP). */
  readonly data?: Record<string, unknown>;
  readonly model?: Record<string, unknown>;
  /** Plugins the data and model come from, when not the conformance fixtures. */
  readonly plugins?: readonly AnyPluginFactory[];
  readonly seed?: number;
}

/**
 * The shared metric conformance suite: registers a vitest `describe` block
 * checking that a metric declares, through `describe()`, a direction
 * (`min`/`max`/`none`), a label and a unit for every key it computes, so that
 * "best" values, tables and plot axes are right.
 *
 * @example
 * describeMetricConformance({ factory: myMetric, options: { top: 3 } });
 */
export function describeMetricConformance(spec: MetricConformanceOptions): void {
  const { factory, options = {}, seed = 5 } = spec;
  describe(`metric conformance: ${factory.name}`, () => {
    let components: RunComponents;
    let described: readonly MetricKeyInfo[];

    beforeAll(async () => {
      await tf.setBackend('cpu');
      const container = rootContainer.createChildContainer();
      for (const f of [...conformanceFixtures, ...(spec.plugins ?? []), factory]) registerPlugin(container, f);
      const raw = {
        name: 'metric-conformance',
        seed,
        data: spec.data ?? { use: 'conformance-regression' },
        model: spec.model ?? { use: 'conformance-mlp' },
        optimizer: { use: 'conformance-sgd' },
        metrics: [{ use: factory.name, ...options }],
        loggers: [],
        train: { steps: 1, batchSize: 4 },
      };
      components = await buildComponents(resolveConfig(raw, new PluginRegistry(container)), {
        container,
        backend: 'cpu',
      });
    });

    afterAll(() => {
      components?.model.dispose();
      components?.dataset.dispose?.();
    });

    it('is declared with kind metric, a name and a description', () => {
      expect(factory.kind).toBe('metric');
      expect(factory.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(factory.description.trim().length).toBeGreaterThan(10);
    });

    it('describe() gives every key pattern a direction, a label and a unit', () => {
      const metric = components.metrics[0]!.metric;
      expect(typeof metric.describe, `${factory.name}: the metric has no describe() method`).toBe('function');
      described = metric.describe({ dataset: components.dataset });
      expect(metricDescriptionProblems(described)).toEqual([]);
      expect(described.length).toBeGreaterThan(0);
    });

    it('every key compute() returns is described', async () => {
      const { model, dataset } = components;
      described ??= components.metrics[0]!.metric.describe({ dataset });
      const values = await components.metrics[0]!.metric.compute({
        model,
        dataset,
        step: 0,
        evaluate: async (split) => (await evaluateSplit(model, dataset, split, { batchSize: 64 }))!,
      });
      expect(Object.keys(values).length).toBeGreaterThan(0);
      const undescribed = Object.keys(values).filter((k) => !resolveMetricInfo(described, k));
      expect(undescribed, `${factory.name}: keys without a describe() entry`).toEqual([]);
    });
  });
}
