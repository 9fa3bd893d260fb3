import * as tf from '@tensorflow/tfjs-core';

// Host-side ops (a fused step's products, a penalty's float64 SVD) read and write tensors in place on the wasm
// backend: its tensors live in one WebAssembly heap that JS can view without a copy.

/** The wasm backend's heap access. */
export interface HeapBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

function wasmHeap(): HeapBackend | undefined {
  const backend = tf.backend() as Partial<HeapBackend>;
  return tf.getBackend() === 'wasm' &&
    typeof backend.typedArrayFromHeap === 'function' &&
    typeof backend.makeOutput === 'function'
    ? (backend as HeapBackend)
    : undefined;
}

/**
 * A float32 tensor's values without a copy where the backend allows it: on
 * wasm a view of the heap (valid until the next allocation on it: take views
 * after allocating), elsewhere the backend's own read.
 */
export function hostValues(t: tf.Tensor): Float32Array {
  const heap = wasmHeap();
  return heap ? (heap.typedArrayFromHeap(t) as Float32Array) : (t.dataSync() as Float32Array);
}

/**
 * New float32 tensors of the given shapes whose values `fill` writes (their
 * contents are unspecified before). On wasm they are allocated on the heap
 * first and `fill` writes there, with no copy; `fill` must take its views of
 * other tensors (`hostValues`) inside, after that allocation, and must not
 * allocate on the heap itself. Elsewhere they are fresh arrays the tensors
 * then own.
 */
export function filledTensors(
  shapes: readonly (readonly number[])[],
  fill: (values: Float32Array[]) => void,
): tf.Tensor[] {
  const heap = wasmHeap();
  if (heap) {
    const engine = tf.engine();
    const infos = shapes.map((shape) => heap.makeOutput(shape.slice(), 'float32'));
    const tensors = infos.map((info) => engine.makeTensorFromTensorInfo(info));
    fill(infos.map((info) => heap.typedArrayFromHeap(info) as Float32Array));
    return tensors;
  }
  const values = shapes.map((shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)));
  fill(values);
  return values.map((v, i) => tf.tensor(v, shapes[i]!.slice()));
}
