import * as tfl from '@tensorflow/tfjs-layers';

/** One entry of a model config's `layers` list (Sequential or functional). */
export interface LayerEntry {
  className: string;
  config: Record<string, unknown>;
  name?: string;
  inboundNodes?: unknown;
}

/**
 * Rebuilds a Sequential or functional model from its config with some layer
 * entries rewritten (same names, same graph), then lets `fill` set the
 * weights of every layer of the new model from the old one.
 */
export function rebuildModel(model: tfl.LayersModel, rewrite: (entry: LayerEntry) => LayerEntry): tfl.LayersModel {
  const config = JSON.parse(JSON.stringify(model.getConfig())) as { layers: LayerEntry[] };
  config.layers = config.layers.map((entry) => rewrite(entry));
  if (model instanceof tfl.Sequential) {
    return tfl.Sequential.fromConfig(tfl.Sequential, config as never) as tfl.LayersModel;
  }
  return tfl.LayersModel.fromConfig(tfl.LayersModel, config as never) as tfl.LayersModel;
}

/** Keys of a layer config that carry over unchanged to a replacement layer. */
export const COMMON_LAYER_KEYS = ['name', 'trainable', 'dtype', 'batchInputShape', 'inputShape', 'batchSize'] as const;

export function commonConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of COMMON_LAYER_KEYS) if (config[key] !== undefined && config[key] !== null) out[key] = config[key];
  return out;
}
