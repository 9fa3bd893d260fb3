import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';

/**
 * Directory (with trailing separator) holding the `.wasm` binaries of the
 * installed `@tensorflow/tfjs-backend-wasm`. In Node the backend reads them
 * from disk, so it must be told where the package really is.
 */
export function wasmBinaryDirectory(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  return dirname(main) + sep;
}

/**
 * Activates the tfjs wasm backend: registers it, points it at its binaries,
 * initialises it and adds rankbias' training kernels. Returns false when it
 * cannot initialise.
 */
export async function activateWasm(tf: typeof import('@tensorflow/tfjs-core')): Promise<boolean> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(wasmBinaryDirectory());
  if (!(await tf.setBackend('wasm'))) return false;
  const { registerWasmTrainingKernels } = await import('@rankbias/wasm-train');
  registerWasmTrainingKernels();
  return true;
}
