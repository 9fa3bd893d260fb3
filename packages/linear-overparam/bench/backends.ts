import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

/** Switches to `name` ('cpu' | 'wasm'); returns false (with the reason printed) when it cannot. */
export async function useBackend(name: string): Promise<boolean> {
  try {
    if (name === 'wasm') {
      const { initWasmBackend } = await import('@rankbias/wasm-train');
      await initWasmBackend();
      return true;
    }
    return await tf.setBackend(name);
  } catch (e) {
    console.log(`backend ${name} unavailable: ${(e as Error).message}`);
    return false;
  }
}
