import * as tf from '@tensorflow/tfjs-core';
import { buildMlp, mlpOptionsSchema } from '@rankbias/core';
import { collapse, overparameterize } from '../src/index.js';
import { useBackend } from '../bench/backends.js';
await useBackend(process.argv[2] ?? 'wasm');
const info = { task: 'classification' as const, inputShape: [28, 28, 1], outputSize: 10 };
const base = buildMlp(mlpOptionsSchema.parse({ hidden: [256, 256] }), info);
const collapsed = collapse(overparameterize(base, { depth: 4 }));
const same = collapse(overparameterize(base, { depth: 1, init: 'identity' }));
const x = tf.randomNormal([256, 28, 28, 1]);
const time = (m: any) => { const t0 = performance.now(); const y = m.predict(x) as tf.Tensor; y.dataSync(); y.dispose(); return performance.now() - t0; };
for (let r = 0; r < 3; r++) {
  const t: Record<string, number[]> = { base: [], collapsed: [], same: [] };
  for (let i = 0; i < 10; i++) { t.base!.push(time(base)); t.collapsed!.push(time(collapsed)); t.same!.push(time(same)); }
  console.log(Object.entries(t).map(([k, v]) => `${k} ${v.sort((a, b) => a - b)[5]!.toFixed(1)}`).join('  '));
}
for (const m of [base, collapsed]) for (const l of m.layers) for (const w of l.getWeights()) console.log(l.name, w.shape, w.dtype, (w as any).dataId?.id);
