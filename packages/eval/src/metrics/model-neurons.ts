import type * as tf from '@tensorflow/tfjs-core';
import { tensorToMatrix, type DenseMatrix, type TrainableModel } from '@rankbias/core';

/** One hidden layer's neurons as seen by the collapse detector. */
export interface HiddenLayer {
  /** Layer name (the kernel's name without `/kernel`). */
  readonly name: string;
  readonly incoming: DenseMatrix;
  readonly bias?: Float64Array;
  readonly outgoing?: DenseMatrix;
}

function layerOf(name: string): string {
  return name.endsWith('/kernel') ? name.slice(0, -'/kernel'.length) : name;
}

/**
 * The layers of `model` that have a kernel, in variable order; each one's
 * neurons are the kernel's output units (last axis), with the bias named
 * `<layer>/bias` and the outgoing weights from the next kernel whose second
 * to last axis has one entry per neuron (dense `[h, out]`, conv `[kh, kw, h, out]`).
 * The last kernel layer (the output layer) is not hidden and is left out unless `includeOutput`.
 */
export async function hiddenLayers(model: TrainableModel, includeOutput = false): Promise<HiddenLayer[]> {
  return hiddenLayersOf(model.variables(), includeOutput);
}

/** `hiddenLayers` over named tensors in layer order (e.g. weights read back from a saved model). */
export async function hiddenLayersOf(
  vars: readonly { name: string; variable: tf.Tensor }[],
  includeOutput = false,
): Promise<HiddenLayer[]> {
  const kernels = vars.filter((v) => v.variable.rank >= 2);
  const out: HiddenLayer[] = [];
  for (let k = 0; k < kernels.length; k++) {
    const kernel = kernels[k]!;
    const next = kernels[k + 1];
    if (!next && !includeOutput) break;
    const incoming = await tensorToMatrix(kernel.variable);
    const h = incoming.cols;
    const name = layerOf(kernel.name);
    const biasVar = vars.find((v) => v.name === `${name}/bias` && v.variable.rank === 1 && v.variable.shape[0] === h);
    const bias = biasVar ? Float64Array.from((await biasVar.variable.data()) as ArrayLike<number>) : undefined;
    let outgoing: DenseMatrix | undefined;
    const shape = next?.variable.shape;
    if (next && shape && shape[shape.length - 2] === h) {
      const data = (await next.variable.data()) as ArrayLike<number>;
      const fanOut = shape[shape.length - 1]!;
      const pre = shape.slice(0, -2).reduce((a, b) => a * b, 1);
      const rows = new Float64Array(h * pre * fanOut);
      for (let p = 0; p < pre; p++) {
        for (let i = 0; i < h; i++) {
          for (let o = 0; o < fanOut; o++) rows[i * pre * fanOut + p * fanOut + o] = data[(p * h + i) * fanOut + o]!;
        }
      }
      outgoing = { rows: h, cols: pre * fanOut, data: rows };
    }
    out.push({ name, incoming, bias, outgoing });
  }
  return out;
}
