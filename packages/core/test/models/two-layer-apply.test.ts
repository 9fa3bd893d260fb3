/**
 * The two-layer net's direct forward pass against tfjs-layers' own
 * (`layersModel.apply`): outputs and gradients of every variable bit for bit
 * on cpu and on wasm, for each variant the seeds use, with fewer kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import { container } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { selectLinalg } from '../../src/backend/linalg.js';
import { selectBackend } from '../../src/backend/select-backend.js';
import type { DatasetInfo } from '../../src/contracts/dataset.js';
import type { TrainableModel } from '../../src/contracts/model.js';
import { twoLayerPlugin } from '../../src/models/two-layer.js';
import { DENSE_ACTIVATION } from '../../src/models/dense-activation-kernel.js';
import { createRng } from '../../src/rng/rng.js';

async function build(options: unknown, dataset: DatasetInfo): Promise<TrainableModel> {
  const ctx = { container: container.createChildContainer(), rng: createRng(3), seed: 3, backend: 'cpu', dataset };
  return (await twoLayerPlugin.create(twoLayerPlugin.options.parse(options), ctx)) as TrainableModel;
}

/** Output, the gradient of Σ w·output for each trainable variable, and the kernels the gradient pass ran. */
async function pass(model: TrainableModel, forward: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor) {
  const vars = model.trainableVariables().map((v) => v.variable);
  const weights = tf.randomNormal([x.shape[0]!, 1], 0, 1, 'float32', 9);
  let result: { value: tf.Scalar; grads: tf.NamedTensorMap } | undefined;
  const profile = await tf.profile(() => {
    result = tf.variableGrads(() => tf.sum(tf.mul(forward(x), weights)) as tf.Scalar, vars);
  });
  const { value, grads } = result!;
  const out = {
    output: Array.from(tf.tidy(() => forward(x)).dataSync()),
    value: value.dataSync()[0],
    grads: vars.map((v) => Array.from(grads[v.name]!.dataSync())),
    kernels: profile.kernels.length,
    names: profile.kernels.map((k) => k.name),
  };
  tf.dispose([value, weights, ...Object.values(grads)]);
  return out;
}

const VARIANTS: Array<[string, unknown, DatasetInfo]> = [
  [
    'ReLU with bias, trained second layer (teacher–student, result 3)',
    { width: 30, activation: 'relu', bias: true, initScale: 0.5 },
    { task: 'regression', inputShape: [5], outputSize: 1 },
  ],
  [
    'leaky ReLU, fixed second layer, no bias (result 2)',
    { width: 20, activation: 'leaky-relu', alpha: 0.2, initScale: 0.3, fixedSecondLayer: true },
    { task: 'binary', inputShape: [40], outputSize: 1 },
  ],
  [
    'image-shaped input (flattened), two outputs',
    { width: 12, activation: 'relu', bias: true },
    { task: 'classification', inputShape: [3, 4, 2], outputSize: 2 },
  ],
];

describe('two-layer: the direct pass is tfjs-layers’ pass, bit for bit', () => {
  for (const [backend, linalg] of [
    ['cpu', 'js'],
    ['wasm', 'js'],
    ['wasm', 'lapack'],
  ] as const) {
    for (const [label, options, info] of VARIANTS) {
      it(`${label} on ${backend}${linalg === 'lapack' ? ' with BLAS products' : ''}`, async () => {
        expect((await selectBackend(backend)).name).toBe(backend);
        // .ci/run installs libopenblas0-pthread: `lapack` then puts the wasm products on its sgemm.
        expect((await selectLinalg(linalg)).name).toBe(linalg);
        const model = await build(options, info);
        const x = tf.randomNormal([17, ...info.inputShape], 0, 2, 'float32', 4);
        const direct = await pass(model, (t) => model.apply(t, { training: true }), x);
        const layers = await pass(model, (t) => model.layersModel!.apply(t, { training: true }) as tf.Tensor, x);
        expect(direct.output).toEqual(layers.output);
        expect(direct.value).toBe(layers.value);
        direct.grads.forEach((g, i) => expect(g, `gradient ${i}`).toEqual(layers.grads[i]));
        // Fewer kernels; about a third fewer wherever the biased layer need not stay fused (not wasm on XNNPACK).
        const fusedKept = backend === 'wasm' && linalg === 'js' && (options as { bias?: boolean }).bias === true;
        expect(direct.kernels).toBeLessThan(layers.kernels * (fusedKept ? 1 : 0.7));
        // With BLAS products the hidden layer's product, bias add and activation are one kernel.
        expect(direct.names.includes(DENSE_ACTIVATION)).toBe(linalg === 'lapack');
        tf.dispose(x);
        model.dispose();
      });
    }
  }
});
