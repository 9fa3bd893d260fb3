import * as tf from '@tensorflow/tfjs-core';
import type { BackendChoice } from '../config/schema.js';
import { BackendUnavailableError } from './errors.js';
import { defaultImporter, NATIVE_INSTALL_HINT, NATIVE_PACKAGES, tryNative, type ModuleImporter } from './native.js';
import { activateWasm } from './wasm.js';

/** The backend in use and why it was chosen. */
export interface BackendSelection {
  /** tfjs backend name: `tensorflow`, `wasm` or `cpu`. */
  readonly name: 'tensorflow' | 'wasm' | 'cpu';
  /** Why this one (what was tried before it). */
  readonly reason: string;
  /** How to get a faster one; absent when the native backend is in use. */
  readonly hint?: string;
}

export interface SelectBackendOptions {
  /** Module loader for the native packages (tests replace it). */
  readonly importer?: ModuleImporter;
}

async function activateCpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new BackendUnavailableError('the tfjs cpu backend did not initialise');
}

async function wasmOrNull(): Promise<string | null> {
  try {
    return (await activateWasm(tf)) ? null : 'the wasm backend did not initialise';
  } catch (e) {
    return `the wasm backend failed to load (${String((e as Error)?.message ?? e).split('\n')[0]})`;
  }
}

/**
 * Activates a tfjs backend.
 *
 * - `auto`: `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node` (optional peer
 *   dependencies, often not installed), then wasm, then the pure-JS cpu backend.
 * - `tensorflow`: a native package or a `BackendUnavailableError` saying what to install.
 * - `wasm`, `cpu`: that backend.
 */
export async function selectBackend(
  choice: BackendChoice,
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const importer = options.importer ?? defaultImporter;
  if (choice === 'cpu') {
    await activateCpu();
    return { name: 'cpu', reason: 'requested', hint: NATIVE_INSTALL_HINT };
  }
  if (choice === 'wasm') {
    const failure = await wasmOrNull();
    if (failure) throw new BackendUnavailableError(`backend "wasm" requested but ${failure}`);
    return { name: 'wasm', reason: 'requested', hint: NATIVE_INSTALL_HINT };
  }
  const native = await tryNative(tf, NATIVE_PACKAGES, importer);
  if (native.used) {
    return { name: 'tensorflow', reason: `${choice === 'auto' ? 'auto: ' : ''}${native.used} is installed` };
  }
  if (choice === 'tensorflow') {
    throw new BackendUnavailableError(
      `backend "tensorflow" requested but no native TensorFlow package could be used (${native.failures.join('; ')}). ` +
        `Install one: npm install @tensorflow/tfjs-node (CPU) or npm install @tensorflow/tfjs-node-gpu ` +
        `(NVIDIA GPU, needs CUDA 11.2 + cuDNN 8.1); both download libtensorflow while installing, so they need ` +
        `network access, and they run on Node < 23. Or use --backend auto|wasm|cpu.`,
    );
  }
  const wasmFailure = await wasmOrNull();
  if (!wasmFailure) {
    return { name: 'wasm', reason: `auto: ${native.failures.join(', ')}`, hint: NATIVE_INSTALL_HINT };
  }
  await activateCpu();
  return { name: 'cpu', reason: `auto: ${native.failures.join(', ')}; ${wasmFailure}`, hint: NATIVE_INSTALL_HINT };
}

/** The one line the CLI prints about the backend. */
export function describeBackend(selection: BackendSelection): string {
  const hint = selection.hint ? `; ${selection.hint}` : '';
  return `rankbias: backend ${selection.name} (${selection.reason})${hint}`;
}
