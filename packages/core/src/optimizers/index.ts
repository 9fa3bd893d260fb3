import type { AnyPluginFactory } from '../registry/registry.js';
import { sgdOptimizerPlugin } from './sgd.js';
import { tfjsAdamOptimizerPlugin } from './tfjs-adam.js';

export { sgdOptimizerPlugin, sgdOptionsSchema } from './sgd.js';
export { tfjsAdamOptimizerPlugin, tfjsAdamOptionsSchema } from './tfjs-adam.js';
export { FusedSgdOptimizer } from './fused-sgd.js';
// Fused parameter-update kernels (cpu and wasm, SIMD where the engine has it): the update x + s·u here, and
// how a fused optimizer kernel (Adam's moments in @rankbias/optim-adam-rank) reads and writes tensors.
export { ADD_SCALED, addScaled, registerAddScaledKernel } from './fused/add-scaled-kernel.js';
export {
  CPU_ACCESS,
  fusedKernelPays,
  type MemoryAccess,
  WASM_ACCESS,
  WASM_FUSED_MAX_SIZE,
} from './fused/kernel-memory.js';
export type { SimdLoops } from './fused/wasm-simd-loops.js';

/** Core's optimizer plugins: `sgd` and `tfjs-adam`. */
export const builtinOptimizerPlugins: readonly AnyPluginFactory[] = [sgdOptimizerPlugin, tfjsAdamOptimizerPlugin];
