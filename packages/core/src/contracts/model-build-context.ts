import type { DatasetInfo } from './dataset.js';
import type { PluginContext } from './plugin.js';

/**
 * What a model factory receives: the usual plugin context plus what it must
 * know about the data (task, input shape, output size). Model factories
 * read `(ctx as ModelBuildContext).dataset`.
 */
export interface ModelBuildContext extends PluginContext {
  readonly dataset: DatasetInfo;
}

/** True when `ctx` carries dataset information (i.e. the trainer built it). */
export function hasDatasetInfo(ctx: PluginContext): ctx is ModelBuildContext {
  return (ctx as Partial<ModelBuildContext>).dataset !== undefined;
}
