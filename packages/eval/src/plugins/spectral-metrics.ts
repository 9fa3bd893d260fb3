import {
  definePlugin,
  effectiveRank,
  nuclearFrobeniusRatio,
  numericalRank,
  singularValues,
  spectralEntropy,
  stableRank,
  z,
  type Metric,
  type MetricDescribeContext,
  type MetricKeyInfo,
} from '@rankbias/core';
import { selectWeightMatrices, type WeightSelection } from '../metrics/targets.js';
import { rankKeys, weightSelectionSchema } from './common.js';

/** A metric computing, for every selected weight, named numbers from its singular values. */
function spectralMetric(
  selection: WeightSelection,
  measure: (name: string, sigma: Float64Array, shape: { rows: number; cols: number }) => Record<string, number>,
  describe: (ctx: MetricDescribeContext) => readonly MetricKeyInfo[],
): Metric {
  return {
    describe,
    async compute({ model }) {
      const out: Record<string, number> = {};
      for (const w of await selectWeightMatrices(model, selection)) {
        Object.assign(out, measure(w.name, singularValues(w.matrix), w.matrix));
      }
      return out;
    },
  };
}

/** `effective-rank`: `erank/<w>` = exp(H) (Roy & Vetterli) and `entropy/<w>` = H. */
export const effectiveRankMetric = definePlugin({
  kind: 'metric',
  name: 'effective-rank',
  description: 'effective rank exp(H) (erank/<w>) and spectral entropy H (entropy/<w>) of selected weights',
  options: z.strictObject({ ...weightSelectionSchema }),
  create: (o) =>
    spectralMetric(
      o,
      (name, s) => ({ [`erank/${name}`]: effectiveRank(s), [`entropy/${name}`]: spectralEntropy(s) }),
      ({ dataset }) => [
        ...rankKeys('erank', 'effective rank', dataset),
        { key: 'entropy/*', direction: 'none', label: 'spectral entropy of {*}', unit: 'nats' },
      ],
    ),
});

/** `stable-rank`: `stable-rank/<w>` = ‖W‖²_F / ‖W‖²₂. */
export const stableRankMetric = definePlugin({
  kind: 'metric',
  name: 'stable-rank',
  description: 'stable rank ‖W‖²_F/‖W‖²₂ of selected weights (stable-rank/<w>)',
  options: z.strictObject({ ...weightSelectionSchema }),
  create: (o) =>
    spectralMetric(
      o,
      (name, s) => ({ [`stable-rank/${name}`]: stableRank(s) }),
      ({ dataset }) => rankKeys('stable-rank', 'stable rank', dataset),
    ),
});

/** `spectrum`: top singular values, nuclear/Frobenius ratio and numerical rank of selected weights. */
export const spectrumMetric = definePlugin({
  kind: 'metric',
  name: 'spectrum',
  description:
    'top-k singular values (sv/<w>/<i>), nuclear/Frobenius ratio (nuc-fro/<w>) and numerical rank (rank/<w>) of selected weights',
  options: z.strictObject({
    ...weightSelectionSchema,
    top: z.number().int().nonnegative().default(5).describe('how many of the largest singular values to report'),
    rtol: z.number().positive().optional().describe('numerical rank counts σ > rtol·σ₁ (default max(m,n)·eps32·σ₁)'),
  }),
  create: (o) =>
    spectralMetric(
      o,
      (name, s, dims) => {
        const out: Record<string, number> = {
          [`nuc-fro/${name}`]: nuclearFrobeniusRatio(s),
          [`rank/${name}`]: numericalRank(
            s,
            o.rtol !== undefined ? { rtol: o.rtol } : { maxDim: Math.max(dims.rows, dims.cols) },
          ),
        };
        for (let i = 0; i < Math.min(o.top, s.length); i++) out[`sv/${name}/${i}`] = s[i]!;
        return out;
      },
      ({ dataset }) => [
        { key: 'nuc-fro/*', direction: 'none', label: 'nuclear/Frobenius norm ratio of {*}', unit: '' },
        ...rankKeys('rank', 'numerical rank', dataset),
        { key: 'sv/*', direction: 'none', label: 'singular value {*} (weight/index from 0)', unit: '' },
      ],
    ),
});
