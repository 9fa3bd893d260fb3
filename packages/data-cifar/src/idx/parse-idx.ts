import { DataFileError } from '../store/data-file-error.js';

/** An IDX array of unsigned bytes (the only type MNIST-style files use). */
export interface IdxArray {
  readonly dims: readonly number[];
  /** Row-major data, a view into the file's (decompressed) bytes: no copy. */
  readonly data: Uint8Array;
}

const UBYTE = 0x08;
const TYPE_NAMES: Record<number, string> = {
  0x08: 'ubyte',
  0x09: 'byte',
  0x0b: 'short',
  0x0c: 'int',
  0x0d: 'float',
  0x0e: 'double',
};

/**
 * Parses an IDX file (http://yann.lecun.com/exdb/mnist/ format): two zero
 * bytes, a type byte, the number of dimensions, the dimensions as big-endian
 * int32, then the data. `expectedRank` is 3 for images, 1 for labels.
 */
export function parseIdx(bytes: Uint8Array, file: string, expectedRank: number, fix: string): IdxArray {
  if (bytes.length < 4) throw new DataFileError(file, `is ${bytes.length} bytes, too short for an IDX header`, fix);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const hex = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
    throw new DataFileError(file, `starts with 0x${hex}, not an IDX magic number (0x000008NN)`, fix);
  }
  const type = bytes[2]!;
  const rank = bytes[3]!;
  if (type !== UBYTE) {
    throw new DataFileError(
      file,
      `holds IDX type 0x${type.toString(16)} (${TYPE_NAMES[type] ?? 'unknown'}); only unsigned bytes (0x08) are supported`,
      fix,
    );
  }
  if (rank !== expectedRank) {
    const magic = `0x0000080${rank}`;
    const wanted = `0x0000080${expectedRank}`;
    throw new DataFileError(
      file,
      `has magic ${magic} (${rank} dimensions), expected ${wanted} (${expectedRank === 3 ? 'images' : 'labels'}); images and labels swapped?`,
      fix,
    );
  }
  const header = 4 + 4 * rank;
  if (bytes.length < header)
    throw new DataFileError(file, `is truncated inside its header (${bytes.length} of ${header} bytes)`, fix);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.length - header;
  if (actual !== size) {
    const what = actual < size ? 'is truncated' : 'has trailing bytes';
    throw new DataFileError(
      file,
      `${what}: dimensions [${dims.join(', ')}] need ${size} data bytes after the ${header}-byte header, found ${actual}`,
      fix,
    );
  }
  return { dims, data: bytes.subarray(header) };
}
