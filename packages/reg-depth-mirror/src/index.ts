/**
 * @rankbias/reg-depth-mirror — the depth-mirror penalty ||W||_* / ||W||_F,
 * reference penalties (nuclear norm, squared Frobenius), tfjs regularizers,
 * and SVD-free spectral math for tfjs.
 */
import { registerRegularizerClasses } from './regularizers/regularizers.js';

export { register, penalties, PACKAGE_NAME } from './register.js';
export { depthMirrorPenalty, depthMirrorOptions } from './penalties/depth-mirror.js';
export { nuclearPenalty, nuclearOptions } from './penalties/nuclear.js';
export { l2Penalty, l2Options } from './penalties/l2.js';

export {
  DepthMirrorRegularizer,
  NuclearNormRegularizer,
  SquaredFrobeniusRegularizer,
  registerRegularizerClasses,
  type SpectralRegularizerConfig,
} from './regularizers/regularizers.js';
export type { FactorConfig } from './regularizers/regularizer-base.js';

export { depthMirrorOp, nuclearNormOp, type SpectralOpOptions } from './ops/spectral-ops.js';
export { newtonSchulzPolar, type NewtonSchulzOptions } from './ops/newton-schulz.js';
export { chooseMethod, SPECTRAL_METHODS, type ConcreteSpectralMethod, type SpectralMethod } from './ops/method.js';

export {
  depthMirrorGradient,
  depthMirrorRatio,
  nuclearNorm,
  ratioGradient,
  type SpectralOptions,
} from './math/depth-mirror-ratio.js';
// Moved to @rankbias/core (one home for float64 linear algebra); kept for one minor version.
export * from './math/deprecated-aliases.js';

// Saved models that use the regularizers must load as soon as the package is imported.
registerRegularizerClasses();
