import type { AnyPluginFactory } from '../registry/registry.js';
import { sgdOptimizerPlugin } from './sgd.js';
import { tfjsAdamOptimizerPlugin } from './tfjs-adam.js';

export { sgdOptimizerPlugin, sgdOptionsSchema } from './sgd.js';
export { tfjsAdamOptimizerPlugin, tfjsAdamOptionsSchema } from './tfjs-adam.js';

/** Core's optimizer plugins: `sgd` and `tfjs-adam`. */
export const builtinOptimizerPlugins: readonly AnyPluginFactory[] = [sgdOptimizerPlugin, tfjsAdamOptimizerPlugin];
