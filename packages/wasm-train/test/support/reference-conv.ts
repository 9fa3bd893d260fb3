/**
 * Plain-loop reference gradients of 2-D convolutions (NHWC), written from the
 * definition, with strides, dilations and padding. Independent of any tfjs
 * kernel; the padding amounts come from tfjs' own geometry so that 'same'
 * means the same thing.
 */
import { backend_util } from '@tensorflow/tfjs-core';

export type Shape4 = [number, number, number, number];

export interface ConvGeometry {
  readonly xShape: Shape4;
  readonly filterShape: Shape4;
  readonly strides: [number, number];
  readonly dilations: [number, number];
  readonly pad: 'same' | 'valid' | backend_util.ExplicitPadding;
  readonly depthwise: boolean;
}

export function geometry(g: ConvGeometry): backend_util.Conv2DInfo {
  return backend_util.computeConv2DInfo(g.xShape, g.filterShape, g.strides, g.dilations, g.pad, undefined, g.depthwise);
}

/** Visits every (input element, filter element, output element) triple the convolution multiplies. */
function forEachProduct(g: ConvGeometry, visit: (xIndex: number, filterIndex: number, dyIndex: number) => void): void {
  const info = geometry(g);
  const [n, h, w, c] = g.xShape;
  const [fh, fw, fin, fout] = g.filterShape;
  const outChannels = g.depthwise ? fin * fout : fout;
  for (let b = 0; b < n; b++)
    for (let oh = 0; oh < info.outHeight; oh++)
      for (let ow = 0; ow < info.outWidth; ow++)
        for (let i = 0; i < fh; i++)
          for (let j = 0; j < fw; j++) {
            const row = oh * g.strides[0] + i * g.dilations[0] - info.padInfo.top;
            const col = ow * g.strides[1] + j * g.dilations[1] - info.padInfo.left;
            if (row < 0 || row >= h || col < 0 || col >= w) continue;
            const dyBase = ((b * info.outHeight + oh) * info.outWidth + ow) * outChannels;
            const xBase = ((b * h + row) * w + col) * c;
            const fBase = (i * fw + j) * fin * fout;
            if (g.depthwise) {
              for (let ch = 0; ch < fin; ch++)
                for (let m = 0; m < fout; m++) visit(xBase + ch, fBase + ch * fout + m, dyBase + ch * fout + m);
            } else {
              for (let ci = 0; ci < fin; ci++)
                for (let co = 0; co < fout; co++) visit(xBase + ci, fBase + ci * fout + co, dyBase + co);
            }
          }
}

/** dL/dfilter given dL/dy. */
export function referenceFilterGradient(g: ConvGeometry, x: Float32Array, dy: Float32Array): Float64Array {
  const out = new Float64Array(g.filterShape.reduce((a, b) => a * b, 1));
  forEachProduct(g, (xi, fi, yi) => {
    out[fi] += x[xi]! * dy[yi]!;
  });
  return out;
}

/** dL/dx given dL/dy. */
export function referenceInputGradient(g: ConvGeometry, filter: Float32Array, dy: Float32Array): Float64Array {
  const out = new Float64Array(g.xShape.reduce((a, b) => a * b, 1));
  forEachProduct(g, (xi, fi, yi) => {
    out[xi] += filter[fi]! * dy[yi]!;
  });
  return out;
}

/** Output shape of the convolution. */
export function outputShape(g: ConvGeometry): Shape4 {
  const info = geometry(g);
  const channels = g.depthwise ? g.filterShape[2] * g.filterShape[3] : g.filterShape[3];
  return [g.xShape[0], info.outHeight, info.outWidth, channels];
}
