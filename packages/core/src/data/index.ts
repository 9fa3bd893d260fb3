// Barrel of src/data: core's synthetic dataset.
export { builtinDatasetPlugins } from './plugins.js';
export {
  GaussianMixtureDataset,
  gaussianMixtureOptionsSchema,
  gaussianMixturePlugin,
  type GaussianMixtureOptions,
} from './gaussian-mixture.js';
export { dataRng, dataSeedOf, dataSeedOption } from './data-seed.js';
export { applyLabelNoise, noisyLabel } from './label-noise.js';
