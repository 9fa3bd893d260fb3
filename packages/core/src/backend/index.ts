// Barrel of src/backend: choosing and activating the tfjs backend.
export { selectBackend, describeBackend, type BackendSelection, type SelectBackendOptions } from './select-backend.js';
export { BackendUnavailableError } from './errors.js';
export { NATIVE_PACKAGES, NATIVE_INSTALL_HINT, type ModuleImporter } from './native.js';
export { wasmBinaryDirectory } from './wasm.js';
export {
  describeLinalg,
  LAPACK_INSTALL_HINT,
  LAPACK_PACKAGE,
  selectLinalg,
  type LinalgSelection,
} from './linalg.js';
export { backendMatMulGemm } from './matmul-gemm.js';
export { filledTensors, hostValues } from './host-tensors.js';
export { registerKernelsOnce } from './register-once.js';
export { withFirstOrderSaves } from './first-order-saves.js';
export type { Float32Gemm } from '@rankbias/wasm-train';
