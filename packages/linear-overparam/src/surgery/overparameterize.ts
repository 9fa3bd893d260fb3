import * as tfl from '@tensorflow/tfjs-layers';
import { matchesAny } from '@rankbias/core';
import { ExpandedLayerBase } from '../layers/expanded-base.js';
import { ExpandedConv2D } from '../layers/expanded-conv2d.js';
import { ExpandedDense } from '../layers/expanded-dense.js';
import { startFromBase } from '../layers/set-factors.js';
import { resolveExpansion, type OverparameterizeOptions, type ResolvedExpansion } from './options.js';
import { commonConfig, rebuildModel, type LayerEntry } from './rebuild.js';
import { copyWeightsByName } from './copy-weights.js';
import { nonlinearityGain } from './following-gain.js';

const EXPANDABLE = new Set(['Dense', 'Conv2D']);

function pair(v: unknown): [number, number] {
  return Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v), Number(v)];
}

/** Why a Conv2D config cannot be expanded, or null. */
function convUnsupported(c: Record<string, unknown>): string | null {
  const [kh, kw] = pair(c['kernelSize']);
  if (kh !== kw) return `non-square kernel ${kh}x${kw}`;
  const [dh, dw] = pair(c['dilationRate'] ?? 1);
  if (dh !== 1 || dw !== 1) return `dilation rate ${dh}x${dw}`;
  if ((c['dataFormat'] ?? 'channelsLast') !== 'channelsLast') return `data format ${String(c['dataFormat'])}`;
  if (c['padding'] !== 'same' && c['padding'] !== 'valid') return `padding ${String(c['padding'])}`;
  return null;
}

/**
 * Names of the layers to expand. Globs and predicates select among the
 * expandable layers (Dense, supported Conv2D); other layers they match are
 * skipped, and a selection that reaches no expandable layer is an error.
 */
function selectLayers(model: tfl.LayersModel, options: OverparameterizeOptions): Set<string> {
  const sel = options.layers;
  const chosen = new Set<string>();
  const skipped: string[] = [];
  for (const layer of model.layers) {
    const picked = sel === undefined || (typeof sel === 'function' ? sel(layer) : matchesAny(sel, layer.name));
    if (!picked) continue;
    const cls = layer.getClassName();
    const why = !EXPANDABLE.has(cls)
      ? cls
      : cls === 'Conv2D'
        ? convUnsupported(layer.getConfig() as Record<string, unknown>)
        : null;
    if (why) skipped.push(`${layer.name} (${why})`);
    else chosen.add(layer.name);
  }
  if (sel !== undefined && chosen.size === 0) {
    const what = typeof sel === 'function' ? 'the layers predicate' : JSON.stringify(sel);
    const detail = skipped.length
      ? `it matches only layers that cannot be expanded: ${skipped.join(', ')} (Dense and channels-last, square, undilated Conv2D can)`
      : `layers are: ${model.layers.map((l) => l.name).join(', ')}`;
    throw new Error(`overparameterize: ${what} selects no expandable layer; ${detail}`);
  }
  return chosen;
}

function expandEntry(
  entry: LayerEntry,
  exp: ResolvedExpansion,
  options: OverparameterizeOptions,
  lastGain: number,
): LayerEntry {
  const c = entry.config;
  const useBias = c['useBias'] !== false;
  if (options.batchNorm && !useBias) {
    throw new Error(
      `overparameterize: layer "${String(c['name'])}" has no bias; batch norm inside its expansion would fold into a bias the base lacks. Drop batchNorm or give the layer a bias.`,
    );
  }
  const common = {
    ...commonConfig(c),
    activation: c['activation'] ?? 'linear',
    useBias,
    batchNorm: options.batchNorm ?? false,
    mode: options.mode ?? 'auto',
    lastGain,
  };
  if (entry.className === 'Dense') {
    const units = Number(c['units']);
    return {
      ...entry,
      className: ExpandedDense.className,
      config: { ...common, units, innerWidths: exp.innerWidths(units) },
    };
  }
  const filters = Number(c['filters']);
  const [k] = pair(c['kernelSize']);
  return {
    ...entry,
    className: ExpandedConv2D.className,
    config: {
      ...common,
      filters,
      kernelSizes: exp.kernelSizes(k),
      innerWidths: exp.innerWidths(filters),
      strides: pair(c['strides'] ?? 1),
      padding: c['padding'],
    },
  };
}

/**
 * Returns a new, trainable model in which the selected Dense/Conv2D layers
 * of `model` (a `tf.Sequential` or functional model) are replaced by linear
 * expansions (`ExpandedDense` / `ExpandedConv2D`) of the given depth and
 * width; every other layer is copied with its weights. `model` is left as is.
 * `collapse` turns the result back into plain tfjs layers.
 *
 * Initial weights of expanded layers come from tfjs initialisers, which draw
 * from `Math.random`; wrap the call in core's `withSeededMathRandom` to seed it.
 */
export function overparameterize(model: tfl.LayersModel, options: OverparameterizeOptions = {}): tfl.LayersModel {
  const exp = resolveExpansion(options);
  const chosen = selectLayers(model, options);
  const expanded = rebuildModel(model, (entry) =>
    chosen.has(String(entry.config['name']))
      ? expandEntry(
          entry,
          exp,
          options,
          options.lastGain ?? nonlinearityGain(model.getLayer(String(entry.config['name']))),
        )
      : entry,
  );
  copyWeightsByName(model, expanded, chosen);
  if (options.init === 'identity') {
    for (const name of chosen) {
      const layer = expanded.getLayer(name);
      if (!(layer instanceof ExpandedLayerBase)) continue;
      const [kernel, bias] = model.getLayer(name).getWeights();
      startFromBase(layer, kernel!, bias ?? null);
    }
  } else if (options.init !== undefined && options.init !== 'reference') {
    throw new Error(`overparameterize: init must be 'reference' or 'identity', got ${JSON.stringify(options.init)}`);
  }
  return expanded;
}

/** Expanded layers of a model (recursing into nested models). */
export function expandedLayers(model: tfl.LayersModel): ExpandedLayerBase[] {
  const out: ExpandedLayerBase[] = [];
  for (const layer of model.layers) {
    if (layer instanceof ExpandedLayerBase) out.push(layer);
    else if (layer instanceof tfl.LayersModel) out.push(...expandedLayers(layer));
  }
  return out;
}
