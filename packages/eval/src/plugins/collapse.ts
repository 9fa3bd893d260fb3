import { definePlugin, matchesAny, z } from '@rankbias/core';
import { detectCollapse, neuronVectors } from '../metrics/collapse.js';
import { hiddenLayers } from '../metrics/model-neurons.js';

/** `collapse`: vanishing and identical neurons per hidden layer (docs/science.md#5-stochastic-collapse). */
export const collapseMetric = definePlugin({
  kind: 'metric',
  name: 'collapse',
  description:
    'stochastic collapse per hidden layer: fraction of vanished neurons, duplicated neurons and fraction of independent neurons (collapse/<layer>/...)',
  options: z.strictObject({
    layers: z.array(z.string()).optional().describe('glob patterns over layer names (default: every hidden layer)'),
    vanishing: z.number().positive().default(0.1).describe('‖vᵢ‖/maxⱼ‖vⱼ‖ below this: vanished'),
    identical: z.number().positive().default(0.1).describe('2‖vᵢ−vⱼ‖²/(‖vᵢ‖²+‖vⱼ‖²) below this: identical'),
  }),
  create: (o) => ({
    describe: () => [
      {
        key: 'collapse/independent',
        direction: 'none',
        label: 'independent neurons (all hidden layers)',
        unit: 'fraction',
      },
      { key: 'collapse/*/vanished', direction: 'none', label: 'vanished neurons in {*}', unit: 'fraction' },
      { key: 'collapse/*/duplicates', direction: 'none', label: 'duplicated neurons in {*}', unit: 'neurons' },
      { key: 'collapse/*/independent', direction: 'none', label: 'independent neurons in {*}', unit: 'fraction' },
    ],
    async compute({ model }) {
      const out: Record<string, number> = {};
      let groups = 0;
      let neurons = 0;
      for (const layer of await hiddenLayers(model)) {
        if (o.layers?.length && !matchesAny(o.layers, layer.name)) continue;
        const r = detectCollapse(neuronVectors(layer.incoming, layer.bias, layer.outgoing), o);
        out[`collapse/${layer.name}/vanished`] = r.neurons ? r.vanished.length / r.neurons : 0;
        out[`collapse/${layer.name}/duplicates`] = r.duplicates;
        out[`collapse/${layer.name}/independent`] = r.independentFraction;
        groups += r.groups.length;
        neurons += r.neurons;
      }
      if (neurons) out['collapse/independent'] = groups / neurons;
      return out;
    },
  }),
});
