import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, KernelConfig } from '@tensorflow/tfjs-core';

/**
 * Registers kernels (and a gradient) that are not registered yet, so that
 * calling it again, or from another copy of the package, is harmless.
 */
export function registerKernelsOnce(kernels: readonly KernelConfig[], gradient?: GradConfig): void {
  for (const config of kernels) {
    if (!tf.getKernel(config.kernelName, config.backendName)) tf.registerKernel(config);
  }
  if (gradient && !tf.getGradient(gradient.kernelName)) tf.registerGradient(gradient);
}
