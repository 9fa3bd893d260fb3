import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs-core's gradients, as every rankbias model does through tfjs-layers.
import '@tensorflow/tfjs-layers';
import { afterAll, describe, expect, it } from 'vitest';
import { withFirstOrderSaves } from '../../src/backend/first-order-saves.js';
import { selectBackend } from '../../src/backend/select-backend.js';

afterAll(async () => {
  await selectBackend('cpu');
});

/** A small two-layer net's loss and gradients in both weights (relu, bias, squared loss), as plain arrays. */
function twoLayerGrads(seed: number) {
  const x = tf.randomNormal([6, 4], 0, 1, 'float32', seed);
  const y = tf.randomNormal([6, 1], 0, 1, 'float32', seed + 1);
  const w = tf.variable(tf.randomNormal([4, 5], 0, 1, 'float32', seed + 2), true, undefined);
  const b = tf.variable(tf.randomNormal([5], 0, 1, 'float32', seed + 3), true, undefined);
  const a = tf.variable(tf.randomNormal([5, 1], 0, 1, 'float32', seed + 4), true, undefined);
  const loss = () => tf.mean(tf.squaredDifference(tf.matMul(tf.relu(tf.add(tf.matMul(x, w), b)), a), y)) as tf.Scalar;
  const run = () => {
    const { value, grads } = tf.variableGrads(loss, [w, b, a]);
    const out = { value: [...value.dataSync()], grads: [w, b, a].map((v) => [...grads[v.name]!.dataSync()]) };
    tf.dispose([value, ...Object.values(grads)]);
    return out;
  };
  return { run, dispose: () => tf.dispose([x, y, w, b, a]) };
}

/** Kernels of each name that `f` runs. */
async function kernelCounts(f: () => void): Promise<Map<string, number>> {
  const info = await tf.profile(f);
  const counts = new Map<string, number>();
  for (const k of info.kernels) counts.set(k.name, (counts.get(k.name) ?? 0) + 1);
  return counts;
}

describe.each(['cpu', 'wasm'] as const)('withFirstOrderSaves on %s', (backend) => {
  it('gives the same loss and gradients bit for bit, without the clone kernels, leaking nothing', async () => {
    await selectBackend(backend);
    const net = twoLayerGrads(7);
    const plain = net.run();
    const before = tf.memory().numTensors;
    const fast = withFirstOrderSaves(net.run);
    expect(tf.memory().numTensors).toBe(before);
    expect(fast).toEqual(plain);
    const plainKernels = await kernelCounts(() => void net.run());
    const fastKernels = await kernelCounts(() => void withFirstOrderSaves(net.run));
    // Every saved tensor cost one Identity; with shared buffers none is left.
    expect(plainKernels.get('Identity')).toBeGreaterThanOrEqual(5);
    expect(fastKernels.get('Identity') ?? 0).toBe(0);
    for (const [name, n] of fastKernels) if (name !== 'Identity') expect(n).toBe(plainKernels.get(name));
    net.dispose();
  });

  it('keeps nested (higher-order) gradients exact: d²/dx² of x³ is 6x', async () => {
    await selectBackend(backend);
    const x = tf.tensor1d([0.5, -1.25, 2]);
    const second = withFirstOrderSaves(() =>
      tf.tidy(() =>
        tf.grad((v: tf.Tensor) => tf.sum(tf.grad((u: tf.Tensor) => tf.sum(tf.mul(tf.mul(u, u), u)))(v)))(x),
      ),
    );
    expect([...second.dataSync()]).toEqual([3, -7.5, 12]);
    tf.dispose([x, second]);
  });

  it('saves as tfjs does outside f, also after f threw, and nests', async () => {
    await selectBackend(backend);
    const net = twoLayerGrads(11);
    const identities = async (g: () => void) => (await kernelCounts(g)).get('Identity') ?? 0;
    const tfjs = await identities(() => void net.run());
    expect(() =>
      withFirstOrderSaves(() => {
        throw new Error('step failed');
      }),
    ).toThrow('step failed');
    expect(await identities(() => void net.run())).toBe(tfjs);
    // Nested calls: the inner one ending does not end the outer one.
    const nested = await identities(() =>
      withFirstOrderSaves(() => {
        withFirstOrderSaves(() => undefined);
        net.run();
      }),
    );
    expect(nested).toBe(0);
    expect(await identities(() => void net.run())).toBe(tfjs);
    net.dispose();
  });
});
