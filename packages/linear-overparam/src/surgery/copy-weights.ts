import type * as tfl from '@tensorflow/tfjs-layers';

/** Copies weights layer by layer (matched by name) from `from` into `to`, skipping `except`. */
export function copyWeightsByName(from: tfl.LayersModel, to: tfl.LayersModel, except: ReadonlySet<string>): void {
  for (const layer of to.layers) {
    if (except.has(layer.name)) continue;
    const source = from.getLayer(layer.name);
    // getWeights returns the variables themselves (not copies): never dispose them.
    const weights = source.getWeights();
    if (weights.length) layer.setWeights(weights);
  }
}
