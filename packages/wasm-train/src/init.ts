import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './register.js';

/** Directory (with trailing separator) of the installed tfjs-backend-wasm `.wasm` binaries. */
export function wasmBinaryDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + sep;
}

export interface InitWasmOptions {
  /** Register rankbias' training kernels (default true). */
  readonly trainingKernels?: boolean;
}

/**
 * Makes wasm the active tfjs backend in Node: points the backend at its
 * binaries (bundlers and test runners can move the JS away from them),
 * initialises it and registers the training kernels. Throws when it cannot
 * initialise, naming the directory it looked in.
 */
export async function initWasmBackend(options: InitWasmOptions = {}): Promise<void> {
  const dir = wasmBinaryDirectory();
  setWasmPaths(dir);
  let ok = false;
  try {
    ok = await tf.setBackend('wasm');
  } catch (e) {
    throw new Error(`the tfjs wasm backend failed to initialise from ${dir}: ${(e as Error).message}`);
  }
  if (!ok) throw new Error(`the tfjs wasm backend did not initialise (binaries looked up in ${dir})`);
  if (options.trainingKernels ?? true) registerWasmTrainingKernels();
}
