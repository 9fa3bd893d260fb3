import * as tf from '@tensorflow/tfjs-core';
import type { DoctorCheck } from '../contracts/doctor.js';
import { describeImportFailure, NATIVE_PACKAGES, type ModuleImporter } from '../backend/native.js';
import { activateWasm } from '../backend/wasm.js';

const NATIVE_NOTES: Record<(typeof NATIVE_PACKAGES)[number], string> = {
  '@tensorflow/tfjs-node-gpu': 'native TensorFlow on an NVIDIA GPU (CUDA 11.2 + cuDNN 8.1)',
  '@tensorflow/tfjs-node': 'native TensorFlow on the CPU',
};

/** Why a missing native package is missing, and what installing it involves. */
function nativeMissing(pkg: (typeof NATIVE_PACKAGES)[number], error: unknown): string {
  const why = describeImportFailure(error);
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  const node = nodeMajor >= 23 ? `; it does not build on Node ${process.versions.node} (needs Node < 23)` : '';
  return why === 'not installed'
    ? `not installed: ${NATIVE_NOTES[pkg]}, an optional peer dependency whose install downloads libtensorflow (network needed${node})`
    : `${why}${node}`;
}

/**
 * Which tfjs backends this machine can use, best first, as `backend: auto`
 * tries them. Loading them registers them with tfjs (the last one, wasm, ends up active).
 */
export async function backendChecks(importer: ModuleImporter): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  for (const pkg of NATIVE_PACKAGES) {
    try {
      await importer(pkg);
      checks.push({ topic: 'backends', name: `tensorflow (${pkg})`, ok: true, detail: NATIVE_NOTES[pkg] });
    } catch (e) {
      checks.push({
        topic: 'backends',
        name: `tensorflow (${pkg})`,
        ok: false,
        detail: nativeMissing(pkg, e),
        fix: `npm install ${pkg}`,
      });
    }
  }
  let wasm: DoctorCheck;
  try {
    wasm = (await activateWasm(tf))
      ? {
          topic: 'backends',
          name: 'wasm',
          ok: true,
          detail: '@tensorflow/tfjs-backend-wasm with rankbias training kernels',
        }
      : {
          topic: 'backends',
          name: 'wasm',
          ok: false,
          detail: 'the wasm backend did not initialise',
          fix: 'npm install @tensorflow/tfjs-backend-wasm@4.22.0',
        };
  } catch (e) {
    wasm = {
      topic: 'backends',
      name: 'wasm',
      ok: false,
      detail: describeImportFailure(e),
      fix: 'npm install @tensorflow/tfjs-backend-wasm@4.22.0',
    };
  }
  checks.push(wasm, { topic: 'backends', name: 'cpu', ok: true, detail: 'pure JavaScript, always available (slow)' });
  return checks;
}

/** The training kernels @rankbias/wasm-train adds to the wasm backend, and whether they are registered now. */
export async function wasmKernelChecks(): Promise<DoctorCheck[]> {
  try {
    const { wasmTrainingKernelNames, wasmTrainingKernelsRegistered } = await import('@rankbias/wasm-train');
    const names = wasmTrainingKernelNames();
    const ok = tf.findBackend('wasm') !== null && wasmTrainingKernelsRegistered();
    return [
      {
        topic: 'kernels',
        name: '@rankbias/wasm-train',
        ok,
        detail: ok
          ? `${names.length} kernels on wasm: ${names.join(', ')}`
          : `not registered (the wasm backend is unavailable); would add ${names.join(', ')}`,
      },
    ];
  } catch (e) {
    return [
      {
        topic: 'kernels',
        name: '@rankbias/wasm-train',
        ok: false,
        detail: describeImportFailure(e),
        fix: 'npm install @rankbias/wasm-train',
      },
    ];
  }
}
