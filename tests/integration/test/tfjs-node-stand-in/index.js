// Stands in for the native binding the way it presents itself to tfjs: importing it registers the
// backend `tensorflow`. Here its kernels are the cpu backend's, so it computes without libtensorflow.
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

tf.registerBackend('tensorflow', () => new MathBackendCPU(), 3);
for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
export const standIn = true;
