/**
 * @rankbias/linear-overparam — linear over-parameterization of Dense and
 * Conv2D layers (products of linear factors, no nonlinearity between), model
 * surgery on users' tfjs models, and exact collapse back to plain layers.
 */
export { ExpandedDense, type ExpandedDenseArgs } from './layers/expanded-dense.js';
export { ExpandedConv2D, type ExpandedConv2DArgs } from './layers/expanded-conv2d.js';
export { ExpandedLayerBase, type ExpandedLayerArgs, type ExpansionMode } from './layers/expanded-base.js';
export { gainFor } from './layers/gain.js';
export { identityFactorMatrices } from './layers/identity-init.js';
export { startFromBase } from './layers/set-factors.js';
export { composeDense, multiplyChain } from './compose/dense-chain.js';
export { composeConv, composeConvKernels } from './compose/conv-chain.js';
export { foldBatchNorm, type BatchNormState } from './compose/batch-norm-fold.js';
export { overparameterize, expandedLayers } from './surgery/overparameterize.js';
export type { OverparameterizeOptions } from './surgery/options.js';
export { collapse } from './surgery/collapse.js';
export { effectiveKernels } from './effective-kernels.js';
export { nonlinearityGain } from './surgery/following-gain.js';
export {
  linearOverparamPlugin,
  linearOverparamOptions,
  type LinearOverparamOptions,
  type LinearOverparameterizer,
} from './plugin/linear-overparam-plugin.js';
export { register, PACKAGE_NAME } from './plugin/register.js';
