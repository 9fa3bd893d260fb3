import { describeMetricConformance } from '@rankbias/core/testing';
import { alignmentMetric } from '../../src/plugins/alignment.js';
import { collapseMetric } from '../../src/plugins/collapse.js';
import { embeddingRankMetric } from '../../src/plugins/embedding-rank.js';
import { effectiveRankMetric, spectrumMetric, stableRankMetric } from '../../src/plugins/spectral-metrics.js';

// Every eval metric declares direction, label and unit for every key it computes.
describeMetricConformance({ factory: effectiveRankMetric });
describeMetricConformance({ factory: stableRankMetric });
describeMetricConformance({ factory: spectrumMetric, options: { top: 2 } });
describeMetricConformance({ factory: embeddingRankMetric, options: { layer: 'hidden', examples: 8 } });
describeMetricConformance({ factory: collapseMetric });
describeMetricConformance({ factory: alignmentMetric, options: { direction: [1, 0, 0, 0] } });
