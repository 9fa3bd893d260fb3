import { definePlugin, z } from '@rankbias/core';
import { cosinesWithDirection, distinctDirections, pairwiseCosineStats } from '../metrics/alignment.js';
import { neuronVectors } from '../metrics/collapse.js';
import { hiddenLayers } from '../metrics/model-neurons.js';

/** `alignment`: how first-layer neurons line up with a direction and with each other. */
export const alignmentMetric = definePlugin({
  kind: 'metric',
  name: 'alignment',
  description:
    'first-layer neuron alignment: cosine with a given direction (align/cos-*), pairwise cosine (align/pairwise-*) and number of distinct directions (align/directions)',
  options: z.strictObject({
    direction: z.array(z.number()).optional().describe('direction in input space (length = fan-in, plus 1 with bias)'),
    bias: z.boolean().default(false).describe('append the bias to each neuron (wⱼ, bⱼ)'),
    cosine: z.number().min(-1).max(1).default(0.99).describe('neurons above this cosine share a direction'),
    minNormRatio: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .describe('ignore neurons smaller than this fraction of the largest'),
  }),
  create: (o) => ({
    describe: () => [
      {
        key: 'align/cos-mean',
        direction: 'none',
        label: 'mean cosine of first-layer neurons with the direction',
        unit: '',
      },
      {
        key: 'align/cos-abs-mean',
        direction: 'none',
        label: 'mean |cosine| of first-layer neurons with the direction',
        unit: '',
      },
      {
        key: 'align/cos-abs-max',
        direction: 'none',
        label: 'largest |cosine| of a first-layer neuron with the direction',
        unit: '',
      },
      {
        key: 'align/pairwise-abs-mean',
        direction: 'none',
        label: 'mean |cosine| between first-layer neurons',
        unit: '',
      },
      {
        key: 'align/pairwise-abs-max',
        direction: 'none',
        label: 'largest |cosine| between first-layer neurons',
        unit: '',
      },
      {
        key: 'align/directions',
        direction: 'none',
        label: 'distinct first-layer neuron directions',
        unit: 'directions',
      },
    ],
    async compute({ model }) {
      const [first] = await hiddenLayers(model, true);
      if (!first) return {};
      const neurons = neuronVectors(first.incoming, o.bias ? first.bias : undefined);
      const out: Record<string, number> = {};
      if (o.direction) {
        if (o.direction.length !== neurons[0]!.length) {
          throw new Error(
            `alignment: direction has ${o.direction.length} entries but first-layer neurons have ${neurons[0]!.length}` +
              (o.bias ? ' (fan-in + 1 for the bias)' : ' (the fan-in)'),
          );
        }
        const cos = cosinesWithDirection(neurons, o.direction);
        out['align/cos-mean'] = cos.reduce((a, b) => a + b, 0) / cos.length;
        out['align/cos-abs-mean'] = cos.reduce((a, b) => a + Math.abs(b), 0) / cos.length;
        out['align/cos-abs-max'] = cos.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
      }
      const pair = pairwiseCosineStats(neurons);
      out['align/pairwise-abs-mean'] = pair.meanAbs;
      out['align/pairwise-abs-max'] = pair.maxAbs;
      out['align/directions'] = distinctDirections(neurons, o);
      return out;
    },
  }),
});
