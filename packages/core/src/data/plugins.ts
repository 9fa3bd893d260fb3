import type { AnyPluginFactory } from '../registry/registry.js';
import { gaussianMixturePlugin } from './gaussian-mixture.js';

/** Core's dataset factories: `gaussian-mixture`. */
export const builtinDatasetPlugins: AnyPluginFactory[] = [gaussianMixturePlugin];
