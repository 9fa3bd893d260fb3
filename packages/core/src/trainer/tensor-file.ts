import * as tf from '@tensorflow/tfjs-core';

/** Where one tensor lies in a binary tensor file. */
export interface TensorSpec {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32';
  /** Byte offset in the file. */
  readonly offset: number;
}

/** Encodes tensors back to back (little-endian float32/int32) with their specs. */
export async function encodeTensors(
  tensors: readonly { name: string; tensor: tf.Tensor }[],
): Promise<{ specs: TensorSpec[]; bytes: Uint8Array }> {
  const specs: TensorSpec[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const { name, tensor } of tensors) {
    if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
      throw new TypeError(`cannot checkpoint ${name}: dtype ${tensor.dtype} (only float32 and int32 are supported)`);
    }
    const data = (await tensor.data()) as Float32Array | Int32Array;
    const bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    specs.push({ name, shape: [...tensor.shape], dtype: tensor.dtype, offset });
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  const all = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return { specs, bytes: all };
}

/** Decodes tensors from the bytes of a tensor file (`file` names it in errors); the caller owns them. */
export function decodeTensors(
  bytes: Uint8Array,
  specs: readonly TensorSpec[],
  file: string,
): { name: string; tensor: tf.Tensor }[] {
  return specs.map((s) => {
    const count = s.shape.reduce((a, b) => a * b, 1);
    const end = s.offset + count * 4;
    if (end > bytes.byteLength)
      throw new Error(`${file} is truncated: ${s.name} needs bytes ${s.offset}..${end}, file has ${bytes.byteLength}`);
    const buf = bytes.buffer.slice(bytes.byteOffset + s.offset, bytes.byteOffset + end);
    const data = s.dtype === 'int32' ? new Int32Array(buf) : new Float32Array(buf);
    return { name: s.name, tensor: tf.tensor(data, s.shape, s.dtype) };
  });
}
