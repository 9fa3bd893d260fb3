import '@tensorflow/tfjs-backend-wasm';
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from './kernels/batch-mat-mul.js';
import { conv2dBackpropFilterConfig } from './kernels/conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './kernels/conv2d-backprop-input.js';
import { depthwiseBackpropFilterConfig } from './kernels/depthwise-backprop-filter.js';
import { depthwiseBackpropInputConfig } from './kernels/depthwise-backprop-input.js';
import { fusedMatMulConfig } from './kernels/fused-mat-mul.js';
import { identityConfig } from './kernels/identity.js';
import { maxPoolGradConfig } from './kernels/max-pool-grad.js';
import { sumConfig } from './kernels/sum.js';
import { captureOriginal, capturedOriginals, isOurs, MARK } from './kernels/originals.js';
import { unsortedSegmentSumConfig } from './kernels/unsorted-segment-sum.js';

/** Kernels the wasm backend lacks, supplied by rankbias. */
export const SUPPLIED_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/** Kernels the wasm backend has, replaced by faster ones. */
export const REPLACED_KERNELS: readonly KernelConfig[] = [
  batchMatMulConfig,
  fusedMatMulConfig,
  conv2dBackpropInputConfig,
  maxPoolGradConfig,
  sumConfig,
  identityConfig,
];

function install(config: KernelConfig, original: KernelConfig | undefined): void {
  if (isOurs(getKernel(config.kernelName, 'wasm'))) return;
  if (original != null) unregisterKernel(config.kernelName, 'wasm');
  // Keep the original's setup/dispose so a backend initialised later still sets up the kernel we call into.
  const marked = { ...config, setupFunc: original?.setupFunc, disposeFunc: original?.disposeFunc, [MARK]: true };
  registerKernel(marked as KernelConfig);
}

/** Names of the kernels `registerWasmTrainingKernels` adds or replaces. */
export function wasmTrainingKernelNames(): string[] {
  return [...SUPPLIED_KERNELS, ...REPLACED_KERNELS].map((k) => k.kernelName);
}

/**
 * Registers rankbias' training kernels on the tfjs wasm backend (idempotent;
 * other backends are untouched):
 * - supplies `Conv2DBackpropFilter`, `DepthwiseConv2dNativeBackpropFilter`,
 *   `DepthwiseConv2dNativeBackpropInput` and `UnsortedSegmentSum`, which
 *   tfjs-backend-wasm 4.22 lacks (conv nets and embeddings cannot train without them);
 * - replaces `BatchMatMul` and `_FusedMatMul` so transposed or batched operands
 *   take the fast XNNPACK path (backprop of every dense layer),
 *   `Conv2DBackpropInput` by a convolution on the fast path, and `MaxPoolGrad`
 *   by a single pass over the pooling windows, `Sum` over leading axes
 *   (bias gradients) without a transpose, and `Identity` (clones, tensors
 *   saved for backprop) by sharing the buffer instead of copying it.
 *
 * Call it after importing `@tensorflow/tfjs-backend-wasm`, before or after `tf.setBackend('wasm')`.
 */
export function registerWasmTrainingKernels(): void {
  for (const config of SUPPLIED_KERNELS) {
    const present = getKernel(config.kernelName, 'wasm');
    if (present != null && !isOurs(present)) continue; // a future tfjs-backend-wasm ships its own
    install(config, undefined);
  }
  for (const config of REPLACED_KERNELS) install(config, captureOriginal(config.kernelName));
}

/** Undoes `registerWasmTrainingKernels`: restores the wasm backend's own kernels (benchmarks compare both). */
export function unregisterWasmTrainingKernels(): void {
  for (const config of [...SUPPLIED_KERNELS, ...REPLACED_KERNELS]) {
    if (isOurs(getKernel(config.kernelName, 'wasm'))) unregisterKernel(config.kernelName, 'wasm');
  }
  for (const original of capturedOriginals()) {
    if (getKernel(original.kernelName, 'wasm') == null) registerKernel(original);
  }
}

/** True when rankbias' kernels are the ones registered on wasm now. */
export function wasmTrainingKernelsRegistered(): boolean {
  return [...SUPPLIED_KERNELS, ...REPLACED_KERNELS].every((k) => isOurs(getKernel(k.kernelName, 'wasm')));
}
