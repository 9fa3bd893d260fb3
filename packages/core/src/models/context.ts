import type { DatasetInfo } from '../contracts/dataset.js';
import type { PluginContext } from '../contracts/plugin.js';
import { ConfigError } from '../config/errors.js';
import { hasDatasetInfo } from '../contracts/model-build-context.js';

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

/** A model that does not fit the data: a config problem (exit code 2 in the CLI), reported at `model`. */
export function modelMismatch(message: string): ConfigError {
  return new ConfigError([{ path: 'model', message }]);
}

/** Rejects index inputs (matrix completion) for models that take dense features. */
export function requireDenseInput(info: DatasetInfo, model: string): void {
  if (info.inputDtype === 'int32') {
    throw modelMismatch(
      `model "${model}" takes dense float inputs, but the dataset gives int32 indices (use a model made for index inputs, e.g. matrix-factorization)`,
    );
  }
}

/** Number of features of one example (product of the input shape). */
export function featureCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
