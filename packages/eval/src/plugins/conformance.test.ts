import { describeMetricConformance } from '@rankbias/core/testing';
import { alignmentMetric } from './alignment.js';
import { collapseMetric } from './collapse.js';
import { embeddingRankMetric } from './embedding-rank.js';
import { effectiveRankMetric, spectrumMetric, stableRankMetric } from './spectral-metrics.js';

// Every eval metric declares direction, label and unit for every key it computes.
describeMetricConformance({ factory: effectiveRankMetric });
describeMetricConformance({ factory: stableRankMetric });
describeMetricConformance({ factory: spectrumMetric, options: { top: 2 } });
describeMetricConformance({ factory: embeddingRankMetric, options: { layer: 'hidden', examples: 8 } });
describeMetricConformance({ factory: collapseMetric });
describeMetricConformance({ factory: alignmentMetric, options: { direction: [1, 0, 0, 0] } });
