import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';
import type { DatasetInfo } from '../contracts/dataset.js';
import { fromLayersModel } from './from-layers-model.js';
import { directTwoLayerApply } from './two-layer-apply.js';
import type { Rng } from '../rng/rng.js';
import { withSeededMathRandom } from '../rng/seeded-math.js';
import { activationLayer } from './activation.js';
import { datasetInfoOf, featureCount, requireDenseInput } from './context.js';
import { initScaleSchema, layerValues, normalValues, setLayerValues, signValues } from './init.js';

export const twoLayerOptionsSchema = z
  .strictObject({
    /** Number of hidden neurons m. */
    width: z.number().int().positive().default(100),
    activation: z.enum(['relu', 'leaky-relu']).default('relu'),
    /** Negative slope γ of the leaky ReLU, φ(z) = max(z, γz). */
    alpha: z.number().min(0).max(1).default(0.1),
    /**
     * Standard deviation ω of the first-layer weights (and biases), W⁽⁰⁾ ~ N(0, ω²);
     * `default` keeps tfjs' Glorot-uniform initialisation.
     */
    initScale: initScaleSchema.default('default'),
    /** Divide `initScale` by sqrt(width): hidden weights ~ N(0, (λ/√m)²) as in Boursier & Flammarion. */
    scaleByWidth: z.boolean().default(false),
    /** Bias b_j in the hidden layer: h(x) = Σ a_j σ(⟨w_j, x⟩ + b_j). */
    bias: z.boolean().default(false),
    /** Second layer fixed at a_j = ±1/√m (random signs) and not trained (Frei et al.). */
    fixedSecondLayer: z.boolean().default(false),
    /** Balanced initialisation |a_j| = ‖(w_j, b_j)‖ with random signs (Boursier & Flammarion). */
    balanced: z.boolean().default(false),
    /**
     * On wasm with BLAS products, run the hidden layer φ(x·W + b) as one kernel
     * (`denseActivation`, the default); false composes tfjs ops. The same numbers
     * either way, so it has no default in the resolved config (run hashes stay as they were).
     */
    fusedHidden: z.boolean().optional(),
  })
  .refine((o) => !(o.balanced && o.fixedSecondLayer), {
    message: 'balanced and fixedSecondLayer exclude each other (a balanced second layer depends on the first)',
    path: ['balanced'],
  });
export type TwoLayerOptions = z.output<typeof twoLayerOptionsSchema>;

/** Second-layer values [width, outputs]: ±1/√m, or balanced ±‖(w_j, b_j)‖/√outputs. */
function secondLayerValues(
  options: TwoLayerOptions,
  kernel: Float32Array,
  bias: Float32Array | undefined,
  inputs: number,
  outputs: number,
  rng: Rng,
): Float32Array {
  const m = options.width;
  const a = signValues(rng, m * outputs, 1 / Math.sqrt(m));
  if (!options.balanced) return a;
  for (let j = 0; j < m; j++) {
    let sq = bias ? bias[j]! ** 2 : 0;
    for (let i = 0; i < inputs; i++) sq += kernel[i * m + j]! ** 2;
    const magnitude = Math.sqrt(sq / outputs);
    for (let c = 0; c < outputs; c++) a[j * outputs + c] = Math.sign(a[j * outputs + c]!) * magnitude;
  }
  return a;
}

/**
 * f(x) = Σ_j a_j φ(⟨w_j, x⟩ + b_j): layers `hidden` (w, b), `act`, `output` (a, no bias).
 * Initialisation per docs/science.md#2-leaky-relu-nets-on-nearly-orthogonal-data and docs/science.md#3-optimization-threshold, drawn from `rng`.
 */
export function buildTwoLayer(options: TwoLayerOptions, info: DatasetInfo, rng: Rng): tfl.LayersModel {
  const inputShape = [...info.inputShape];
  const inputs = featureCount(inputShape);
  const model = tfl.sequential({ name: 'two_layer' });
  if (inputShape.length > 1) model.add(tfl.layers.flatten({ inputShape, name: 'flatten' }));
  const hidden = tfl.layers.dense({
    units: options.width,
    useBias: options.bias,
    name: 'hidden',
    ...(inputShape.length === 1 ? { inputShape } : {}),
  });
  model.add(hidden);
  model.add(activationLayer(options.activation, 'act', options.alpha));
  const output = tfl.layers.dense({
    units: info.outputSize,
    useBias: false,
    name: 'output',
    trainable: !options.fixedSecondLayer,
  });
  model.add(output);

  if (options.initScale !== 'default') {
    const std = options.scaleByWidth ? options.initScale / Math.sqrt(options.width) : options.initScale;
    const values = [normalValues(rng, inputs * options.width, std)];
    if (options.bias) values.push(normalValues(rng, options.width, std));
    setLayerValues(hidden, values);
  }
  if (options.initScale !== 'default' || options.fixedSecondLayer || options.balanced) {
    const [kernel, bias] = layerValues(hidden);
    setLayerValues(output, [secondLayerValues(options, kernel!, bias, inputs, info.outputSize, rng)]);
  }
  return model;
}

export const twoLayerPlugin = definePlugin({
  kind: 'model',
  name: 'two-layer',
  description:
    'Two-layer net Σ a_j φ(⟨w_j,x⟩+b_j) with ReLU or leaky ReLU, init scale, optional fixed ±1/√m second layer or balanced init',
  options: twoLayerOptionsSchema,
  create(options, ctx) {
    const info = datasetInfoOf(ctx, 'two-layer');
    requireDenseInput(info, 'two-layer');
    const model = withSeededMathRandom(ctx.rng, () => buildTwoLayer(options, info, ctx.rng));
    const apply = directTwoLayerApply(model, options.activation, options.alpha, featureCount([...info.inputShape]), {
      fusedHidden: options.fusedHidden ?? true,
    });
    return fromLayersModel(model, { apply });
  },
});
