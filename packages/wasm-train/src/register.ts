/**
 * Registers rankbias' training kernels on the wasm backend (idempotent).
 * Filled in by the wasm training work (issue 3).
 */
export function registerWasmTrainingKernels(): void {}
