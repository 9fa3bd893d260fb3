import type { DatasetInfo } from '../contracts/dataset.js';
import type { PluginContext } from '../contracts/plugin.js';
import { hasDatasetInfo } from '../trainer/context.js';

/** Name of this package, carried by every built-in factory. */
export const CORE_PACKAGE = '@rankbias/core';

/** The dataset info the trainer passes to model factories (`ModelBuildContext`), or a clear error when it is missing. */
export function datasetInfoOf(ctx: PluginContext, model: string): DatasetInfo {
  if (!hasDatasetInfo(ctx)) {
    throw new TypeError(
      `model "${model}" needs to know the data: pass ctx.dataset = { task, inputShape, outputSize } ` +
        `(the rankbias trainer does this for you)`,
    );
  }
  return ctx.dataset;
}

/** Rejects index inputs (matrix completion) for models that take dense features. */
export function requireDenseInput(info: DatasetInfo, model: string): void {
  if (info.inputDtype === 'int32') {
    throw new TypeError(`model "${model}" takes dense float inputs, but the dataset gives int32 indices`);
  }
}

/** Number of features of one example (product of the input shape). */
export function featureCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
