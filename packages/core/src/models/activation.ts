import * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';

/** Hidden-layer nonlinearities the model builders accept. */
export const ACTIVATIONS = ['relu', 'leaky-relu', 'gelu', 'tanh', 'sigmoid', 'elu', 'selu', 'swish', 'linear'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];
export const activationSchema = z.enum(ACTIVATIONS);

/** A named activation layer (`leaky-relu` uses slope `alpha` for negative inputs). */
export function activationLayer(name: ActivationName, layerName: string, alpha = 0.1): tfl.layers.Layer {
  if (name === 'leaky-relu') return tfl.layers.leakyReLU({ alpha, name: layerName });
  if (name === 'relu') return tfl.layers.reLU({ name: layerName });
  return tfl.layers.activation({ activation: name, name: layerName });
}
