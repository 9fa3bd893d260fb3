/**
 * The benchmark workloads in tfjs, mirrored in bench/torch_bench.py:
 * - `mlp`: one Adam step of a 784-512-512-10 ReLU MLP, batch 128, softmax cross-entropy;
 * - `cnn`: one Adam step of a 3-block CNN (conv3x3 32/64/64 + ReLU + 2x2 max-pool each,
 *   dense 10) on 32x32x3 images, batch 64;
 * - `matmul-*`: a 1024 x 1024 x 1024 product, plain and with transposed operands.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** A workload's built state: one call of `step` (finished when it returns or resolves) and a disposer. */
export interface WorkloadState {
  readonly step: () => void | Promise<void>;
  readonly dispose: () => void;
}

export interface Workload {
  readonly id: string;
  readonly label: string;
  /** Floating-point operations per step (for GFLOP/s), when meaningful. */
  readonly flops?: number;
  /** Training steps one call of `step` runs (default 1): times are reported per step. */
  readonly stepsPerCall?: number;
  /** Builds the state. */
  setup(): WorkloadState | Promise<WorkloadState>;
}

function classifierStep(model: tfl.Sequential, x: tf.Tensor, labels: tf.Tensor): WorkloadState {
  const optimizer = tf.train.adam(1e-3);
  const lossOf = () =>
    tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
  return {
    step: () => {
      const loss = optimizer.minimize(lossOf, true);
      loss!.dataSync();
      loss!.dispose();
    },
    dispose: () => {
      optimizer.dispose();
      model.dispose();
      tf.dispose([x, labels]);
    },
  };
}

function oneHotLabels(batch: number, classes: number): tf.Tensor {
  return tf.tidy(() => tf.oneHot(tf.randomUniform([batch], 0, classes, 'int32'), classes));
}

export const mlpWorkload: Workload = {
  id: 'mlp',
  label: 'MLP 784-512-512-10 Adam step, batch 128',
  setup() {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [784], units: 512, activation: 'relu' }),
        tfl.layers.dense({ units: 512, activation: 'relu' }),
        tfl.layers.dense({ units: 10 }),
      ],
    });
    return classifierStep(model, tf.randomNormal([128, 784]), oneHotLabels(128, 10));
  },
};

export const cnnWorkload: Workload = {
  id: 'cnn',
  label: 'CNN 3x(conv3x3+relu+pool) 32x32x3 Adam step, batch 64',
  setup() {
    const model = tfl.sequential();
    [32, 64, 64].forEach((filters, i) => {
      model.add(
        tfl.layers.conv2d({
          filters,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          ...(i === 0 ? { inputShape: [32, 32, 3] } : {}),
        }),
      );
      model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    });
    model.add(tfl.layers.flatten());
    model.add(tfl.layers.dense({ units: 10 }));
    return classifierStep(model, tf.randomNormal([64, 32, 32, 3]), oneHotLabels(64, 10));
  },
};

function matMulWorkload(transposeA: boolean, transposeB: boolean): Workload {
  const n = 1024;
  const name = `${transposeA ? 'A^T' : 'A'} ${transposeB ? 'B^T' : 'B'}`;
  return {
    id: `matmul-${transposeA ? 't' : 'n'}${transposeB ? 't' : 'n'}`,
    label: `matmul 1024 ${name}`,
    flops: 2 * n ** 3,
    setup() {
      const a = tf.randomNormal([n, n]);
      const b = tf.randomNormal([n, n]);
      return {
        step: () => {
          const c = tf.matMul(a, b, transposeA, transposeB);
          c.dataSync();
          c.dispose();
        },
        dispose: () => tf.dispose([a, b]),
      };
    },
  };
}

export const WORKLOADS: readonly Workload[] = [
  mlpWorkload,
  cnnWorkload,
  matMulWorkload(false, false),
  matMulWorkload(true, false),
  matMulWorkload(false, true),
  matMulWorkload(true, true),
];
