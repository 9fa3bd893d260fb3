/** The tfjs backend setups the benchmark compares. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  initWasmBackend,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
} from '../packages/wasm-train/src/index.js';

export interface BackendSetup {
  readonly id: string;
  readonly label: string;
  /** Makes this setup the active one; false when unavailable here. */
  activate(): Promise<boolean>;
}

async function wasm(withKernels: boolean): Promise<boolean> {
  try {
    await initWasmBackend({ trainingKernels: false });
  } catch {
    return false;
  }
  if (withKernels) registerWasmTrainingKernels();
  else unregisterWasmTrainingKernels();
  return true;
}

export const BACKEND_SETUPS: readonly BackendSetup[] = [
  { id: 'wasm', label: 'wasm + rankbias', activate: () => wasm(true) },
  { id: 'wasm-stock', label: 'wasm (stock)', activate: () => wasm(false) },
  { id: 'cpu', label: 'cpu (JS)', activate: () => tf.setBackend('cpu') },
];
