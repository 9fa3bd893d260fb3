import * as tf from '@tensorflow/tfjs-core';

/** The wasm backend's heap access. */
interface HeapBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * A float32 tensor's values without a copy where the backend allows it: on
 * wasm a view of the heap (valid until the next allocation on it: take views
 * after allocating), elsewhere the backend's own read.
 */
export function hostValues(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as Partial<HeapBackend>;
  if (tf.getBackend() === 'wasm' && typeof backend.typedArrayFromHeap === 'function') {
    return backend.typedArrayFromHeap(t) as Float32Array;
  }
  return t.dataSync() as Float32Array;
}

/**
 * Float32 scratch buffers reused across steps, where a step would otherwise
 * allocate a few matrices and leave them to the garbage collector. A buffer
 * belongs to the call that took it until that call gives it back, so calls
 * that overlap (two models on one tape) never share one.
 */
export class ScratchPool {
  private readonly free = new Map<number, Float32Array[]>();

  constructor(private readonly keepPerLength = 16) {}

  /** A buffer of `length` values (contents unspecified). */
  take(length: number): Float32Array {
    return this.free.get(length)?.pop() ?? new Float32Array(length);
  }

  /**
   * A tensor of the buffer's values; the buffer goes back to the pool where the
   * backend copied it (wasm writes onto its heap), and otherwise belongs to
   * the tensor (cpu keeps the array it is given).
   */
  toTensor(buffer: Float32Array, shape: number[]): tf.Tensor {
    const tensor = tf.tensor(buffer, shape);
    if (tf.getBackend() === 'wasm') this.giveBack(buffer);
    return tensor;
  }

  /** Returns buffers for reuse; the caller must not touch them afterwards. */
  giveBack(...buffers: Float32Array[]): void {
    for (const b of buffers) {
      let list = this.free.get(b.length);
      if (!list) {
        list = [];
        this.free.set(b.length, list);
      }
      if (list.length < this.keepPerLength) list.push(b);
    }
  }
}
