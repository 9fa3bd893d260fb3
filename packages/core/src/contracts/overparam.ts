import type { LayersModel } from '@tensorflow/tfjs-layers';

/**
 * Turns a model into an expanded, trainable-equivalent model and back.
 * `collapse` must return plain tfjs layers with the base parameter count.
 */
export interface Overparameterizer {
  expand(model: LayersModel): LayersModel;
  collapse(model: LayersModel): LayersModel;
}
