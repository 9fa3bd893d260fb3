import type * as tfl from '@tensorflow/tfjs-layers';
import { gainFor } from '../layers/gain.js';

interface NodeLike {
  outboundLayer: tfl.layers.Layer;
}

/** Gain of an activation layer (Activation, ReLU, LeakyReLU, ELU), or null if `layer` is not one. */
function activationLayerGain(layer: tfl.layers.Layer): number | null {
  const config = layer.getConfig() as Record<string, unknown>;
  switch (layer.getClassName()) {
    case 'Activation':
      return gainFor(String(config['activation']));
    case 'ReLU':
    case 'ELU':
      return Math.SQRT2;
    case 'LeakyReLU': {
      const alpha = Number(config['alpha'] ?? 0.3);
      return Math.sqrt(2 / (1 + alpha * alpha));
    }
    default:
      return null;
  }
}

/**
 * He gain for the last factor of `layer`'s expansion: its own activation's
 * gain, or, when it is linear and every consumer of its output is the same
 * kind of activation layer (`conv` → `ReLU`), that activation's gain.
 */
export function nonlinearityGain(layer: tfl.layers.Layer): number {
  const own = String((layer.getConfig() as Record<string, unknown>)['activation'] ?? 'linear');
  if (own !== 'linear') return gainFor(own);
  const consumers = (layer as unknown as { outboundNodes: NodeLike[] }).outboundNodes.map((n) => n.outboundLayer);
  const gains = consumers.map(activationLayerGain);
  if (gains.length > 0 && gains.every((g) => g !== null && g === gains[0])) return gains[0]!;
  return 1;
}
