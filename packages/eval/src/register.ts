import { definePluginPackage, type AnyPluginFactory } from '@rankbias/core';
import { compareCommand } from './commands/compare.js';
import { inspectCommand } from './commands/inspect.js';
import { reportCommand } from './commands/report.js';
import { alignmentMetric } from './plugins/alignment.js';
import { collapseMetric } from './plugins/collapse.js';
import { embeddingRankMetric } from './plugins/embedding-rank.js';
import { localSweepExecutor } from './sweep/local-executor.js';
import { effectiveRankMetric, spectrumMetric, stableRankMetric } from './plugins/spectral-metrics.js';

/** Every plugin factory of @rankbias/eval: six metrics, three commands and the local sweep executor. */
export const evalPlugins: readonly AnyPluginFactory[] = [
  effectiveRankMetric,
  stableRankMetric,
  spectrumMetric,
  embeddingRankMetric,
  collapseMetric,
  alignmentMetric,
  inspectCommand,
  compareCommand,
  reportCommand,
  localSweepExecutor,
];

/** Registers the eval metrics and the `inspect`, `compare` and `report` commands in `container`. */
export const { register } = definePluginPackage(new URL('../package.json', import.meta.url), evalPlugins);
