import type { AnyPluginFactory } from '../registry/registry.js';
import { cnnPlugin } from './cnn.js';
import { deepLinearPlugin } from './deep-linear.js';
import { mlpPlugin } from './mlp.js';
import { twoLayerPlugin } from './two-layer.js';

/** Core's model factories: `mlp`, `cnn`, `two-layer`, `deep-linear`. */
export const builtinModelPlugins: AnyPluginFactory[] = [mlpPlugin, cnnPlugin, twoLayerPlugin, deepLinearPlugin];
