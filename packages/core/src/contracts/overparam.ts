import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { NamedTensor } from './named-tensor.js';

/**
 * Turns a model into an expanded, trainable-equivalent model and back.
 * `collapse` must return plain tfjs layers with the base parameter count.
 */
export interface Overparameterizer {
  expand(model: LayersModel): LayersModel;
  collapse(model: LayersModel): LayersModel;
  /**
   * The effective weights of an expanded model (e.g. each expanded layer's
   * contracted kernel, `<layer>/effective-kernel`), so that penalties and
   * metrics can target them. Differentiable; called inside the tape.
   */
  effectiveWeights?(model: LayersModel): NamedTensor[];
}
