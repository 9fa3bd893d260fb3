/**
 * @rankbias/reproduce: the five seed results as numbered claims, each tested by a
 * sweep at a named scale (`smoke`, `paper`) against a pre-registered criterion.
 */
export { register, reproducePlugins } from './register.js';
export { reproduceCommand, registerReproduceCommand } from './command.js';
export { reproduce, type ReproduceOptions, type ReproduceOutcome } from './reproduce.js';
export {
  loadDefinitions,
  selectClaims,
  statisticGroups,
  DEFINITIONS_DIR,
  type Definitions,
} from './definitions/load.js';
export { scaledSweep } from './definitions/scaled-sweep.js';
export { mergePatch } from './definitions/merge-patch.js';
export {
  claimSchema,
  experimentSchema,
  statisticSchema,
  criterionSchema,
  SCALES,
  type Claim,
  type Experiment,
  type Statistic,
  type Criterion,
  type Scale,
} from './definitions/schema.js';
export { evaluateStatistic, olsSlope } from './statistics/evaluate.js';
export { runValue } from './statistics/run-values.js';
export { meanInterval, type Estimate } from './statistics/estimate.js';
export { verdictOf, formatCriterion, type Verdict } from './statistics/verdict.js';
export { claimsMarkdown } from './output/claims-markdown.js';
export { claimsPage } from './output/claims-page.js';
export type { ClaimRow } from './output/claim-row.js';
