/**
 * The fused Adam kernel against the composed tfjs ops it replaces (the
 * kernel unregistered): the same moments and updates bit for bit over 60
 * steps on cpu and on wasm, and the kernel count it saves.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { selectBackend } from '@rankbias/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAM_MOMENTS, registerAdamMomentsKernel } from '../src/transforms/adam-moments-kernel.js';
import { fusedKernelPays } from '@rankbias/core';
import { scaleByAdam } from '../src/transforms/scale-by-adam.js';
import type { TransformState } from '../src/transforms/types.js';

afterEach(() => registerAdamMomentsKernel());

interface Trace {
  readonly updates: Float32Array[];
  readonly moments: Float32Array[];
  readonly kernels: number;
}

/** Sixty Adam steps on two parameters with seeded gradients; the kernels of the last step. */
async function sixtySteps(shapes: { w: number[]; b: number[] } = { w: [7, 5], b: [3] }): Promise<Trace> {
  const adam = scaleByAdam({ beta1: 0.9, beta2: 0.99, eps: 1e-8 });
  const params = { w: tf.zeros(shapes.w), b: tf.zeros(shapes.b) };
  let state: TransformState = adam.init(params);
  const updates: Float32Array[] = [];
  let kernels = 0;
  for (let step = 0; step < 60; step++) {
    const grads = {
      w: tf.randomNormal(shapes.w, 0, 1 + step, 'float32', 10 + step),
      b: tf.randomNormal(shapes.b, 0, 1e-3, 'float32', 20 + step),
    };
    let result: ReturnType<typeof adam.update> | undefined;
    const info = await tf.profile(() => {
      result = adam.update(grads, state, params);
    });
    kernels = info.kernels.length;
    state = result!.state;
    updates.push(...Object.values(result!.updates).map((u) => u.dataSync() as Float32Array));
  }
  const moments = Object.keys(state)
    .filter((k) => k !== 'count')
    .sort()
    .map((k) => state[k]!.dataSync() as Float32Array);
  return { updates, moments, kernels };
}

function ulpsApart(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(Math.abs(a[i]!), Math.abs(b[i]!), 1e-30);
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (scale * 2 ** -23));
  }
  return worst;
}

describe('the fused Adam kernel', () => {
  it('on wasm at 9,999 and 4,097 elements (SIMD lanes and a JS tail): the composed ops, bit for bit, still fused', async () => {
    await selectBackend('wasm');
    // The backend's memory takes the SIMD loops, so the fused kernel pays at any size.
    expect(fusedKernelPays('wasm', 1_000_000)).toBe(true);
    const shapes = { w: [101, 99], b: [4097] };
    const fused = await sixtySteps(shapes);
    tf.unregisterKernel(ADAM_MOMENTS, 'wasm');
    const composed = await sixtySteps(shapes);
    fused.updates.forEach((u, i) => expect(ulpsApart(u, composed.updates[i]!), `update ${i}`).toBe(0));
    fused.moments.forEach((m, i) => expect(ulpsApart(m, composed.moments[i]!), `moment ${i}`).toBe(0));
    expect(fused.kernels).toBe(8);
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`on ${backend}: the composed ops' moments and updates, bit for bit, in one kernel per parameter instead of twelve`, async () => {
      await selectBackend(backend);
      expect(tf.getBackend()).toBe(backend);
      const fused = await sixtySteps();
      tf.unregisterKernel(ADAM_MOMENTS, backend);
      const composed = await sixtySteps();
      expect(fused.updates).toHaveLength(composed.updates.length);
      // bit for bit: runs keep their numbers whichever route the backend takes
      fused.updates.forEach((u, i) => expect(ulpsApart(u, composed.updates[i]!), `update ${i}`).toBe(0));
      fused.moments.forEach((m, i) => expect(ulpsApart(m, composed.moments[i]!), `moment ${i}`).toBe(0));
      // count and corrections (6 scalar kernels) + one per parameter, against the same 6 + 12 per parameter
      expect(fused.kernels).toBe(8);
      expect(composed.kernels).toBe(30);
    });
  }

  it('matches Adam in float64 on one step (an independent closed form)', async () => {
    await selectBackend('cpu');
    const adam = scaleByAdam({ beta1: 0.8, beta2: 0.95, eps: 1e-3 });
    const g = Float32Array.of(0.5, -2, 1e-4, 0);
    const params = { p: tf.zeros([4]) };
    const result = adam.update({ p: tf.tensor1d(g) }, adam.init(params), params);
    const u = result.updates.p!.dataSync();
    g.forEach((gi, i) => {
      const m = (0.2 * gi) / (1 - 0.8);
      const v = (0.05 * gi * gi) / (1 - 0.95);
      expect(u[i]!).toBeCloseTo(m / (Math.sqrt(v) + 1e-3), 5);
    });
  });
});
