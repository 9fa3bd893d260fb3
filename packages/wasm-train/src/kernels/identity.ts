import {
  Identity,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { originalKernel } from './originals.js';

/**
 * Identity (`tensor.clone()`, and every tensor the gradient tape saves for
 * the backward pass) sharing the input's buffer by reference count, as the
 * cpu backend and the wasm backend's own Reshape do, instead of copying it:
 * tfjs never writes into a tensor's buffer in place, and the buffer is freed
 * when the last tensor on it is disposed.
 */
function identity(args: { inputs: { x: TensorInfo }; backend: KernelBackend }): TensorInfo {
  const { x } = args.inputs;
  if (x.dtype === 'string') return originalKernel(Identity).kernelFunc(args as never) as TensorInfo;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

/** Identity for wasm without the copy. */
export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identity as unknown as KernelFunc,
};
