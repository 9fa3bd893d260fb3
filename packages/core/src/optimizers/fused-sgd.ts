import * as tf from '@tensorflow/tfjs-core';
import { addScaled, registerAddScaledKernel } from './fused/add-scaled-kernel.js';

registerAddScaledKernel();

/**
 * Plain gradient descent w ← w − lr·g as tfjs's `SGDOptimizer` (same class
 * name, config and weights, so checkpoints and serialization are unchanged),
 * with each parameter's update one fused kernel (`addScaled`: x + s·u, SIMD
 * on wasm) instead of a Multiply and an Add. The same numbers bit for bit:
 * tfjs computes f32(f32(−lr·g) + w), the kernel f32(w + f32(g·(−lr))).
 */
export class FusedSgdOptimizer extends tf.SGDOptimizer {
  override applyGradients(variableGradients: Parameters<tf.SGDOptimizer['applyGradients']>[0]): void {
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name]! }));
    const scale = -this.learningRate;
    for (const { name, tensor: gradient } of named) {
      if (gradient == null) continue;
      const value = tf.engine().registeredVariables[name]!;
      tf.tidy(() => {
        value.assign(addScaled(value, gradient, scale));
      });
    }
    this.incrementIterations();
  }
}
