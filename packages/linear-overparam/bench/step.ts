/**
 * Training-step and inference time of linearly expanded models vs their base.
 *   npx tsx bench/step.ts [--backends cpu,wasm] [--models cnn,mlp] [--steps 5] [--batch 64] [--infer-batch 256]
 * (the plain cpu backend needs minutes per conv training step at batch 64: use a small --batch there)
 * Expanded depth-4 models run in 'effective' mode (one op per layer with the
 * contracted kernel) and in 'chain' mode (sub-layers in sequence) for contrast.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildCnn, buildMlp, cnnOptionsSchema, mlpOptionsSchema } from '@rankbias/core';
import { collapse, overparameterize } from '../src/index.js';
import { useBackend } from './backends.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const backends = arg('backends', 'cpu,wasm').split(',');
const steps = Number(arg('steps', '5'));
const batch = Number(arg('batch', '64'));
const inferBatch = Number(arg('infer-batch', '256'));
const only = arg('models', 'cnn,mlp').split(',');
const info = { task: 'classification' as const, inputShape: [28, 28, 1], outputSize: 10 };

const allModels: Record<string, [string, () => tfl.LayersModel]> = {
  cnn: ['cnn [16,32]+64', () => buildCnn(cnnOptionsSchema.parse({ filters: [16, 32], dense: [64] }), info)],
  mlp: ['mlp 784-256-256-10', () => buildMlp(mlpOptionsSchema.parse({ hidden: [256, 256] }), info)],
};
const models = Object.fromEntries(only.map((k) => allModels[k]!));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function trainStepFn(model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor): () => void {
  const opt = tf.train.sgd(0.01);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return () => {
    const loss = opt.minimize(
      () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
      true,
      vars,
    );
    loss!.dataSync();
    loss!.dispose();
  };
}

function predictFn(model: tfl.LayersModel, x: tf.Tensor): () => void {
  return () => {
    const out = model.predict(x) as tf.Tensor;
    out.dataSync();
    out.dispose();
  };
}

/** Times several functions round-robin (so drift hits all alike); median ms of each. */
function timeAll(fns: (() => void)[], n: number): number[] {
  for (const fn of fns) {
    fn();
    fn(); // warm-up (kernel setup, weight caches)
  }
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    fns.forEach((fn, j) => {
      const t0 = performance.now();
      fn();
      times[j]!.push(performance.now() - t0);
    });
  }
  return times.map(median);
}

const ratio = (t: number, ref: number) => `${t.toFixed(1)} (${(t / ref).toFixed(2)}x)`;
const rows: string[][] = [];
for (const backend of backends) {
  if (!(await useBackend(backend))) continue;
  for (const [label, build] of Object.entries(models)) {
    const base = build();
    const x = tf.randomNormal([batch, 28, 28, 1]);
    const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32') as tf.Tensor1D, 10);
    const variants = (['effective', 'auto', 'chain'] as const).map((mode) =>
      overparameterize(base, { depth: 4, expansion: 1, mode }),
    );
    const collapsed = collapse(variants[0]!);
    const [tBase, tEff, tAuto, tChain] = timeAll(
      [base, ...variants].map((m) => trainStepFn(m, x, y)),
      steps,
    );
    const xi = tf.randomNormal([inferBatch, 28, 28, 1]);
    const [iBase, iCol, iEff] = timeAll(
      [base, collapsed, variants[0]!].map((m) => predictFn(m, xi)),
      steps,
    );
    rows.push([
      backend,
      label,
      tBase!.toFixed(1),
      ratio(tEff!, tBase!),
      ratio(tAuto!, tBase!),
      ratio(tChain!, tBase!),
      iBase!.toFixed(1),
      ratio(iCol!, iBase!),
      ratio(iEff!, iBase!),
    ]);
    console.log(rows[rows.length - 1]!.join(' | '));
    tf.dispose([x, y, xi]);
    [base, ...variants, collapsed].forEach((m) => m.dispose());
  }
}

const header = [
  'backend',
  'model',
  'base step ms',
  'depth-4 effective',
  'depth-4 auto',
  'depth-4 chain',
  'base infer ms',
  'collapsed infer',
  'expanded infer (effective)',
];
console.log(
  `\nbatch ${batch} (train step: forward + backward + SGD update) / ${inferBatch} (inference); median of ${steps} round-robin repeats; expansion 1, depth 4\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
