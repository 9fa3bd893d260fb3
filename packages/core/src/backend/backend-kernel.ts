import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * One of the active backend's registered kernels run directly from inside
 * another kernel or gradient: its numbers, without the engine's work per
 * kernel (tape node, tensor objects, scopes). The caller frees the result
 * (`freeInfos`) or wraps it in a tensor (`tensorOfInfo`).
 */
export function backendKernel(
  name: string,
  inputs: Record<string, TensorInfo>,
  attrs: Record<string, unknown> = {},
  backend: KernelBackend = tf.backend(),
): TensorInfo {
  const kernel = tf.getKernel(name, tf.getBackend());
  if (!kernel) throw new Error(`the ${tf.getBackend()} backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend, attrs: attrs as NamedAttrMap }) as TensorInfo;
}

/** Frees what `backendKernel` returned (a reshaped result shares its data by reference count). */
export function freeInfos(...infos: TensorInfo[]): void {
  const backend = tf.backend();
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A kernel result as a tensor of the current scope (which then disposes it). */
export function tensorOfInfo(info: TensorInfo): tf.Tensor {
  return tf.engine().makeTensorFromTensorInfo(info, tf.backend());
}
