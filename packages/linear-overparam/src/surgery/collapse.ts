import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { ExpandedLayerBase } from '../layers/expanded-base.js';
import type { ExpandedConv2D } from '../layers/expanded-conv2d.js';
import { ExpandedDense } from '../layers/expanded-dense.js';
import { copyWeightsByName } from './copy-weights.js';
import { commonConfig, rebuildModel, type LayerEntry } from './rebuild.js';

function plainEntry(entry: LayerEntry, layer: ExpandedLayerBase): LayerEntry {
  const base = {
    ...commonConfig(entry.config),
    activation: layer.activationName,
    // Batch norm folds into a bias, so a BN expansion always collapses with one.
    useBias: layer.useBias || layer.batchNorm,
  };
  if (layer instanceof ExpandedDense) {
    return { ...entry, className: 'Dense', config: { ...base, units: layer.units } };
  }
  const conv = layer as ExpandedConv2D;
  const k = conv.collapsedKernelSize;
  return {
    ...entry,
    className: 'Conv2D',
    config: {
      ...base,
      filters: conv.filters,
      kernelSize: [k, k],
      strides: [...conv.strides],
      padding: conv.padding,
      dataFormat: 'channelsLast',
      dilationRate: [1, 1],
    },
  };
}

/**
 * Returns a plain tfjs model (standard Dense/Conv2D layers only) computing
 * the same function as `model` in inference mode: each expanded layer becomes
 * one layer whose kernel is the product (full convolution) of its factors,
 * with biases and batch norm (running statistics) folded in. Same parameter
 * count as the model before expansion; saved, it loads without rankbias.
 * `model` is left as is.
 */
export function collapse(model: tfl.LayersModel): tfl.LayersModel {
  const expanded = new Map<string, ExpandedLayerBase>();
  for (const layer of model.layers) if (layer instanceof ExpandedLayerBase) expanded.set(layer.name, layer);
  const plain = rebuildModel(model, (entry) => {
    const layer = expanded.get(String(entry.config['name']));
    return layer ? plainEntry(entry, layer) : entry;
  });
  copyWeightsByName(model, plain, new Set(expanded.keys()));
  for (const [name, layer] of expanded) {
    const weights = tf.tidy(() => {
      const { kernel, bias } = layer.effectiveKernelAndBias();
      if (!layer.useBias && !layer.batchNorm) return [kernel];
      return [kernel, bias ?? tf.zeros([kernel.shape[kernel.rank - 1]!])];
    });
    plain.getLayer(name).setWeights(weights);
    tf.dispose(weights);
  }
  return plain;
}
