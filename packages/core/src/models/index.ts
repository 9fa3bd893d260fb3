// Barrel of src/models: core's model builders and their plugin factories.
export { builtinModelPlugins } from './plugins.js';
export { datasetInfoOf } from './context.js';
export { ACTIVATIONS, type ActivationName } from './activation.js';
export { buildMlp, mlpOptionsSchema, mlpPlugin, type MlpOptions } from './mlp.js';
export { buildCnn, cnnOptionsSchema, cnnPlugin, type CnnOptions } from './cnn.js';
export { buildTwoLayer, twoLayerOptionsSchema, twoLayerPlugin, type TwoLayerOptions } from './two-layer.js';
export {
  DENSE_ACTIVATION,
  denseActivation,
  denseActivationApplies,
  type DenseActivationKind,
} from './dense-activation-kernel.js';
export {
  buildDeepLinear,
  deepLinearLayerNames,
  deepLinearOptionsSchema,
  deepLinearPlugin,
  END_TO_END,
  endToEnd,
  type DeepLinearOptions,
} from './deep-linear.js';
export { fromLayersModel, weightName } from './from-layers-model.js';
export { selectableWeights, selectWeights, type SelectableWeight, type WeightSelection } from './weight-selection.js';
