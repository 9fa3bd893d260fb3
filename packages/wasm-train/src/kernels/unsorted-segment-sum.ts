import {
  UnsortedSegmentSum,
  util,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';

import { heapViews } from './wasm-heap.js';

/**
 * UnsortedSegmentSum for wasm (the gradient of gather / embedding lookups):
 * `out[s, ...] = sum of x[i, ...] over i with segmentIds[i] = s`, ids outside
 * `[0, numSegments)` dropped. One linear pass over the backend's heap.
 */
function unsortedSegmentSum(args: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: KernelBackend;
  attrs: UnsortedSegmentSumAttrs;
}) {
  const { inputs, attrs, backend } = args;
  const { x, segmentIds } = inputs;
  const { numSegments } = attrs;
  const idRank = segmentIds.shape.length;
  util.assert(
    util.arraysEqual(x.shape.slice(0, idRank), segmentIds.shape),
    () => `UnsortedSegmentSum: segmentIds shape ${segmentIds.shape} must prefix x shape ${x.shape}`,
  );
  const rowSize = util.sizeFromShape(x.shape.slice(idRank));
  const { out, target, sources } = heapViews(backend, [numSegments, ...x.shape.slice(idRank)], x.dtype, [
    x,
    segmentIds,
  ]);
  const [values, ids] = sources as [Float32Array | Int32Array, Int32Array];
  for (let i = 0; i < ids.length; i++) {
    const segment = ids[i] as number;
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * rowSize;
    const to = segment * rowSize;
    for (let j = 0; j < rowSize; j++) target[to + j] += values[from + j] as number;
  }
  return out;
}

/** UnsortedSegmentSum for wasm (absent from tfjs-backend-wasm 4.22). */
export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
