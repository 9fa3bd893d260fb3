/**
 * The two-layer net with its hidden layer as one kernel (`denseActivation`,
 * wasm with BLAS products) against tfjs-layers' own pass
 * (`layersModel.apply`, composed tfjs kernels): the gradient with respect to
 * the input, two passes in one loss, second-order gradients, and that the
 * gradient computes only what the tape asks for.
 */
import * as tf from '@tensorflow/tfjs-core';
import { container } from 'tsyringe';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectLinalg } from '../../src/backend/linalg.js';
import { selectBackend } from '../../src/backend/select-backend.js';
import type { DatasetInfo } from '../../src/contracts/dataset.js';
import type { TrainableModel } from '../../src/contracts/model.js';
import { twoLayerPlugin } from '../../src/models/two-layer.js';
import { DENSE_ACTIVATION, denseActivation } from '../../src/models/dense-activation-kernel.js';
import { createRng } from '../../src/rng/rng.js';

const INFO: DatasetInfo = { task: 'regression', inputShape: [7], outputSize: 2 };
const GEMM_SLOT = Symbol.for('rankbias.wasm-train.gemm');
type GemmSlot = { [GEMM_SLOT]?: (...args: unknown[]) => void };

async function build(options: unknown): Promise<TrainableModel> {
  const ctx = {
    container: container.createChildContainer(),
    rng: createRng(5),
    seed: 5,
    backend: 'wasm',
    dataset: INFO,
  };
  return (await twoLayerPlugin.create(twoLayerPlugin.options.parse(options), ctx)) as TrainableModel;
}

const direct = (model: TrainableModel) => (x: tf.Tensor) => model.apply(x, { training: true });
const layers = (model: TrainableModel) => (x: tf.Tensor) =>
  model.layersModel!.apply(x, { training: true }) as tf.Tensor;

/** Runs `f` with every BLAS gemm call of the wasm products counted. */
function countingGemm<T>(f: () => T): { result: T; calls: number } {
  const slot = globalThis as GemmSlot;
  const gemm = slot[GEMM_SLOT]!;
  let calls = 0;
  slot[GEMM_SLOT] = (...args) => {
    calls++;
    gemm(...args);
  };
  try {
    return { result: f(), calls };
  } finally {
    slot[GEMM_SLOT] = gemm;
  }
}

const values = (ts: tf.Tensor[]) => ts.map((t) => Array.from(t.dataSync()));

describe('two-layer net with the dense-activation kernel on wasm with BLAS products', () => {
  beforeAll(async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
    // .ci/run installs libopenblas0-pthread: `lapack` puts the wasm products on its sgemm.
    expect((await selectLinalg('lapack')).name).toBe('lapack');
  });
  afterEach(() => tf.disposeVariables());

  const OPTIONS = [
    { width: 9, activation: 'relu', bias: true, initScale: 0.7 },
    { width: 9, activation: 'leaky-relu', alpha: 0.3, bias: true, initScale: 0.7 },
    { width: 9, activation: 'relu', bias: false, initScale: 0.7 },
  ];

  for (const options of OPTIONS) {
    it(`the gradient with respect to the input and the weights (${options.activation}, bias ${options.bias})`, async () => {
      const model = await build(options);
      const x = tf.randomNormal([11, 7], 0, 1.5, 'float32', 2);
      const w = tf.randomNormal([11, 2], 0, 1, 'float32', 3);
      const vars = model.trainableVariables().map((v) => v.variable);
      const grads = (forward: (x: tf.Tensor) => tf.Tensor) =>
        tf.tidy(() => {
          const f = (input: tf.Tensor, ...weights: tf.Tensor[]) => {
            void weights;
            return tf.sum(tf.mul(forward(input), w)) as tf.Scalar;
          };
          return values(tf.grads(f)([x, ...vars]));
        });
      const profile = await tf.profile(() => tf.tidy(() => tf.sum(direct(model)(x))));
      expect(profile.kernels.map((k) => k.name)).toContain(DENSE_ACTIVATION);
      expect(grads(direct(model))).toEqual(grads(layers(model)));
      tf.dispose([x, w]);
      model.dispose();
    });
  }

  it('fusedHidden: false composes tfjs ops, with the same numbers', async () => {
    const [fused, composed] = [await build(OPTIONS[1]), await build({ ...OPTIONS[1], fusedHidden: false })];
    const x = tf.randomNormal([10, 7], 0, 1, 'float32', 9);
    const run = async (model: TrainableModel) => {
      const vars = model.trainableVariables().map((v) => v.variable);
      let out: { value: number; grads: number[][] } | undefined;
      const profile = await tf.profile(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(direct(model)(x))) as tf.Scalar, vars);
        out = { value: value.dataSync()[0]!, grads: values(vars.map((v) => grads[v.name]!)) };
        tf.dispose([value, ...Object.values(grads)]);
      });
      return { ...out!, fused: profile.kernels.some((k) => k.name === DENSE_ACTIVATION) };
    };
    const [a, b] = [await run(fused), await run(composed)];
    expect([a.fused, b.fused]).toEqual([true, false]);
    expect(a.value).toBe(b.value);
    expect(a.grads).toEqual(b.grads);
    tf.dispose(x);
    fused.dispose();
    composed.dispose();
  });

  for (const [activation, alpha] of [
    ['relu', 0],
    ['leaky-relu', 0.25],
  ] as const) {
    it(`${activation} at NaN and zero pre-activations: the composed ops' values and gradients`, () => {
      // Row 0 is NaN, row 1 zero (with a zero bias: pre-activations exactly 0), the rest random.
      const rows = [Array(4).fill(Number.NaN), Array(4).fill(0), [1, -2, 0.5, 3], [-1, 0.25, 2, -0.75]];
      const x = tf.tensor2d(rows) as tf.Tensor2D;
      const w = tf.randomNormal([4, 3], 0, 1, 'float32', 11) as tf.Tensor2D;
      const b = tf.tensor1d([0, 0.5, -0.5]);
      const up = tf.randomNormal([4, 3], 0, 1, 'float32', 12);
      const composed = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
        const pre = tf.add(tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D), bb);
        return activation === 'relu' ? tf.relu(pre) : tf.leakyRelu(pre, alpha);
      };
      const fused = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        denseActivation(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, activation, alpha);
      const run = (f: typeof composed) =>
        tf.tidy(() => [
          Array.from(f(x, w, b).dataSync()),
          ...values(tf.grads((xx, ww, bb) => tf.sum(tf.mul(f(xx!, ww!, bb!), up)) as tf.Scalar)([x, w, b])),
        ]);
      expect(run(fused)).toEqual(run(composed));
      tf.dispose([x, w, b, up]);
    });
  }

  it('names the shapes it expects', () => {
    const [x, w] = [tf.zeros([3, 4]), tf.zeros([5, 2])];
    expect(() => denseActivation(x as tf.Tensor2D, w as tf.Tensor2D, undefined, 'relu', 0)).toThrow(
      /expected x \[n, d\], kernel \[d, m\] and bias \[m\]; got x \[3,4\], kernel \[5,2\]/,
    );
    expect(() =>
      denseActivation(x as tf.Tensor2D, tf.zeros([4, 2]) as tf.Tensor2D, undefined, 'leaky-relu', 2),
    ).toThrow(/alpha must be in \[0, 1\], got 2/);
    tf.dispose([x, w]);
  });

  it('two passes in one loss keep their own activations', async () => {
    const model = await build(OPTIONS[0]);
    const [a, b] = [tf.randomNormal([6, 7], 0, 1, 'float32', 4), tf.randomNormal([13, 7], 0, 1, 'float32', 5)];
    const vars = model.trainableVariables().map((v) => v.variable);
    const run = (forward: (x: tf.Tensor) => tf.Tensor) => {
      const { value, grads } = tf.variableGrads(
        () => tf.add(tf.sum(tf.square(forward(a))), tf.sum(tf.mul(forward(b), 3))) as tf.Scalar,
        vars,
      );
      const out = { value: value.dataSync()[0], grads: values(vars.map((v) => grads[v.name]!)) };
      tf.dispose([value, ...Object.values(grads)]);
      return out;
    };
    expect(run(direct(model))).toEqual(run(layers(model)));
    tf.dispose([a, b]);
    model.dispose();
  });

  it('computes only the gradients the tape asks for: none for a constant input', async () => {
    const model = await build(OPTIONS[0]);
    const x = tf.randomNormal([8, 7], 0, 1, 'float32', 6);
    const vars = model.trainableVariables().map((v) => v.variable);
    const gemmCalls = (withInput: boolean) =>
      countingGemm(() =>
        tf.tidy(() => {
          const f = (input: tf.Tensor, ...weights: tf.Tensor[]) => {
            void weights;
            return tf.sum(direct(model)(input)) as tf.Scalar;
          };
          return withInput ? tf.grads(f)([x, ...vars]) : tf.variableGrads(() => f(x), vars).grads;
        }),
      ).calls;
    // Forward: x·W and the output product. Backward: the output product's two gradients, then W's (and x's).
    expect(gemmCalls(false)).toBe(2 + 1 + 2);
    expect(gemmCalls(true)).toBe(2 + 1 + 3);
    tf.dispose(x);
    model.dispose();
  });

  it('leaves no tensors or backend data behind, with or without a gradient', async () => {
    const model = await build(OPTIONS[1]);
    const x = tf.randomNormal([5, 7], 0, 1, 'float32', 7);
    const vars = model.trainableVariables().map((v) => v.variable);
    const count = () => [tf.memory().numTensors, tf.backend().numDataIds()];
    const before = count();
    for (let i = 0; i < 3; i++) {
      direct(model)(x).dispose();
      const { value, grads } = tf.variableGrads(() => tf.sum(direct(model)(x)) as tf.Scalar, vars);
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(count()).toEqual(before);
    tf.dispose(x);
    model.dispose();
  });

  it('second-order gradients go through the composed ops, exactly as tfjs-layers', async () => {
    const model = await build(OPTIONS[0]);
    const x = tf.randomNormal([4, 7], 0, 1, 'float32', 8);
    // d²/ds² Σ f(s·x)²: the inner gradient is itself differentiated, so the pass runs at gradient depth 2.
    const second = (forward: (x: tf.Tensor) => tf.Tensor) =>
      tf.tidy(() => {
        const f = (s: tf.Tensor) => tf.sum(tf.square(forward(tf.mul(x, s)))) as tf.Scalar;
        return Array.from(tf.grad(tf.grad(f))(tf.scalar(1.3)).dataSync());
      });
    const d2 = second(direct(model));
    expect(Number.isFinite(d2[0])).toBe(true);
    expect(d2).toEqual(second(layers(model)));
    tf.dispose(x);
    model.dispose();
  });
});
