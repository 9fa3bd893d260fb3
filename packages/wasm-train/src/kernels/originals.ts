import { getKernel, type KernelConfig } from '@tensorflow/tfjs-core';

/** Marks kernel configs registered by this package (a symbol shared by every copy of the package). */
export const MARK = Symbol.for('rankbias.wasm-train.kernel');

/** True when `config` was registered by (some copy of) this package. */
export function isOurs(config: KernelConfig | undefined): boolean {
  return config != null && (config as unknown as Record<symbol, unknown>)[MARK] === true;
}

/** The wasm backend's own configs of kernels rankbias replaces, captured before replacing them. */
const originals = new Map<string, KernelConfig>();

/** Remembers the wasm backend's `name` kernel (once; never one of ours) and returns it. */
export function captureOriginal(name: string): KernelConfig | undefined {
  if (!originals.has(name)) {
    const config = getKernel(name, 'wasm');
    if (config != null && !isOurs(config)) originals.set(name, config);
  }
  return originals.get(name);
}

/** The wasm backend's own `name` kernel, as captured. */
export function originalKernel(name: string): KernelConfig {
  const config = originals.get(name) ?? getKernel(name, 'wasm');
  if (config == null) throw new Error(`@rankbias/wasm-train: the wasm backend has no '${name}' kernel`);
  return config;
}

/** Every captured original (to restore them). */
export function capturedOriginals(): KernelConfig[] {
  return [...originals.values()];
}
