export {
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  wasmTrainingKernelNames,
  wasmTrainingKernelsRegistered,
} from './register.js';
export { initWasmBackend, wasmBinaryDirectory, type InitWasmOptions } from './init.js';
export { setWasmMatMulGemm, wasmMatMulGemm, type Float32Gemm } from './kernels/gemm.js';
