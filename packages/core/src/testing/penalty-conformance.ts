import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Penalty } from '../contracts/penalty.js';
import type { PluginContext, PluginFactory } from '../contracts/plugin.js';
import { resolveConfig, toPlainConfig } from '../config/resolve.js';
import { PluginRegistry } from '../registry/registry.js';
import { createRng } from '../rng/rng.js';
import {
  checkFiniteWithGradient,
  checkGradient,
  checkScalarFinite,
  checkZeroWeightNoEffect,
  type CheckResult,
  type GradientCheckOptions,
} from './penalty-checks.js';
import { conformanceConfig, conformanceContainer, trainWithRecords } from './trainer-runs.js';
import { DEFAULT_WEIGHT_SPECS, disposeWeights, randomWeights, zeroWeights, type WeightSpec } from './weights.js';

/** What `describePenaltyConformance` tests. */
export interface PenaltyConformanceOptions {
  /** The penalty factory under test (made with `definePlugin`). */
  readonly factory: PluginFactory<'penalty', any>;
  /** Raw options as a config would give them (without weight/select/coupling); default `{}`. */
  readonly options?: Record<string, unknown>;
  /** Weights to test on; default a dense kernel, a wide matrix and a conv kernel. */
  readonly weights?: readonly WeightSpec[];
  /** Finite-difference settings (step, tolerance, directions). */
  readonly gradient?: GradientCheckOptions;
  /** Multiplier used in the trainer run (default 0.1). */
  readonly trainerWeight?: number;
  /** tfjs backend for the checks (default `cpu`). */
  readonly backend?: string;
  readonly seed?: number;
}

function expectOk(result: CheckResult): void {
  expect(result.ok, result.message).toBe(true);
}

/**
 * The shared penalty conformance suite: registers a vitest `describe` block
 * that checks a penalty factory is well declared, its options round-trip
 * through the config, its value is a finite deterministic scalar (also at
 * zero weights, with finite gradients), its gradient matches finite
 * differences, multiplier 0 has no effect (directly and inside the trainer),
 * and it works inside `runTraining` with its term logged as `penalty/<name>`.
 *
 * @example
 * describePenaltyConformance({ factory: myPenalty, options: { eps: 1e-3 } });
 */
export function describePenaltyConformance(spec: PenaltyConformanceOptions): void {
  const { factory, options = {}, weights: specs = DEFAULT_WEIGHT_SPECS, seed = 11 } = spec;
  const backend = spec.backend ?? 'cpu';

  describe(`penalty conformance: ${factory.name}`, () => {
    let penalty: Penalty;

    beforeAll(async () => {
      await tf.setBackend(backend);
      const ctx: PluginContext = {
        container: conformanceContainer(factory),
        rng: createRng(seed),
        seed,
        backend,
      };
      penalty = (await factory.create(factory.options.parse(options), ctx)) as Penalty;
    });

    afterAll(() => {
      (penalty as Partial<{ dispose(): void }>)?.dispose?.();
    });

    it('declares kind penalty, a kebab-case name, a description and its package', () => {
      expect(factory.kind).toBe('penalty');
      expect(factory.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(factory.description.trim().length).toBeGreaterThan(0);
      expect(factory.package).toMatch(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/);
    });

    it('options schema parses its own output (also after a JSON round trip)', () => {
      const parsed = factory.options.parse(options);
      expect(factory.options.parse(parsed)).toEqual(parsed);
      expect(factory.options.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
    });

    it('config round trip: resolveConfig -> toPlainConfig -> resolveConfig gives the same config', () => {
      const registry = new PluginRegistry(conformanceContainer(factory));
      const raw = conformanceConfig([{ use: factory.name, weight: 0.25, ...options }]);
      const plain = toPlainConfig(resolveConfig(raw, registry));
      expect(toPlainConfig(resolveConfig(plain, registry))).toEqual(plain);
      const again = resolveConfig(plain, registry).penalties[0]!;
      expect(again.options).toEqual(factory.options.parse(options));
      expect(again.common.weight).toBe(0.25);
    });

    it('value is a finite, deterministic scalar on random weights and leaks no tensor', () => {
      const weights = randomWeights(specs, seed);
      try {
        expectOk(checkScalarFinite(penalty, weights));
      } finally {
        disposeWeights(weights);
      }
    });

    it('value and gradient are finite at zero weights and at tiny and large scales', () => {
      for (const weights of [
        zeroWeights(specs),
        randomWeights(specs, seed + 1, 1e-4),
        randomWeights(specs, seed + 2, 1e3),
      ]) {
        try {
          expectOk(checkFiniteWithGradient(penalty, weights));
        } finally {
          disposeWeights(weights);
        }
      }
    });

    it('gradient matches central finite differences', () => {
      const weights = randomWeights(specs, seed + 3);
      try {
        expectOk(checkGradient(penalty, weights, spec.gradient));
      } finally {
        disposeWeights(weights);
      }
    });

    it('multiplier 0 has no effect: loss + 0·penalty has the gradients of the loss', () => {
      for (const weights of [randomWeights(specs, seed + 4), zeroWeights(specs)]) {
        try {
          expectOk(checkZeroWeightNoEffect(penalty, weights));
        } finally {
          disposeWeights(weights);
        }
      }
    });

    it('works inside the trainer: finite losses, the term logged as penalty/<name>', async () => {
      const weight = spec.trainerWeight ?? 0.1;
      const { result, records } = await trainWithRecords(
        conformanceContainer(factory),
        conformanceConfig([{ use: factory.name, weight, ...options }]),
        backend,
      );
      expect(result.status, result.error?.message).toBe('completed');
      expect(records.length).toBeGreaterThan(0);
      const key = `penalty/${factory.name}`;
      for (const r of records) {
        expect(Number.isFinite(r.values.loss)).toBe(true);
        expect(Number.isFinite(r.values[key]), `${key} in ${JSON.stringify(r.values)}`).toBe(true);
        expect(r.values.loss).toBeCloseTo(r.values['loss/data']! + r.values[key]!, 4);
      }
    });

    it('multiplier 0 inside the trainer reproduces the run without the penalty', async () => {
      const container = conformanceContainer(factory);
      const withZero = await trainWithRecords(
        container,
        conformanceConfig([{ use: factory.name, weight: 0, ...options }]),
        backend,
      );
      const without = await trainWithRecords(container, conformanceConfig([]), backend);
      expect(withZero.result.status).toBe('completed');
      expect(withZero.records.map((r) => r.values['loss/data'])).toEqual(
        without.records.map((r) => r.values['loss/data']),
      );
    });
  });
}
