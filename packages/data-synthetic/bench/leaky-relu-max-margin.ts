/**
 * Seed 2 companion (Frei et al.): the leaky-ReLU network trained on nearly
 * orthogonal clusters should end close to the ℓ₂ max-margin *linear*
 * classifier. Trains the shipped config (examples/leaky-relu-rank.yaml) with a
 * harder mixture (‖μ‖ = 3, so test accuracy is below 1) for each init scale,
 * and compares the network's test predictions with those of the hard-margin
 * linear SVM (no bias) fitted to the same training set by dual coordinate
 * ascent.
 *
 *   npx tsx bench/leaky-relu-max-margin.ts
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  applyOverrides,
  createPluginContainer,
  PluginRegistry,
  readConfigFile,
  resolveConfig,
  runTraining,
  type Callback,
} from '@rankbias/core';
import { register as registerEval } from '@rankbias/eval';
import { register } from '../src/register.js';
import type { InMemoryDataset } from '../src/tasks/in-memory-dataset.js';

await tf.setBackend('cpu');
const configFile = fileURLToPath(new URL('../../../examples/leaky-relu-rank.yaml', import.meta.url));

/** Hard-margin linear SVM without bias: max Σα − ½ αᵀ(yyᵀ∘K)α, α ≥ 0, by coordinate ascent. */
function maxMarginDirection(x: Float32Array, y: Float32Array, d: number): Float64Array {
  const n = y.length;
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += x[i * d + t]! * x[j * d + t]!;
      k[i * n + j] = k[j * n + i] = s * y[i]! * y[j]!;
    }
  const alpha = new Float64Array(n);
  for (let sweep = 0; sweep < 2000; sweep++) {
    let change = 0;
    for (let i = 0; i < n; i++) {
      let g = 1;
      for (let j = 0; j < n; j++) g -= k[i * n + j]! * alpha[j]!;
      const next = Math.max(0, alpha[i]! + g / k[i * n + i]!);
      change = Math.max(change, Math.abs(next - alpha[i]!));
      alpha[i] = next;
    }
    if (change < 1e-10) break;
  }
  const w = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) w[t]! += alpha[i]! * y[i]! * x[i * d + t]!;
  return w;
}

for (const initScale of ['0.0001', '0.001', 'default']) {
  const container = createPluginContainer({ onOverwrite: () => {} });
  register(container);
  registerEval(container);
  const raw = applyOverrides(readConfigFile(configFile), [
    `model.initScale=${initScale}`,
    'data.meanNorm=3',
    'train.steps=300',
    'metrics[0].every=100',
    'loggers=[]',
  ]);
  const config = resolveConfig(raw, new PluginRegistry(container));
  let line = '';
  const compareWithSvm: Callback = {
    onTrainEnd(ctx) {
      const data = ctx.dataset as InMemoryDataset;
      const d = data.inputShape[0]!;
      const train = data.arrays('train');
      const test = data.arrays('test');
      const w = maxMarginDirection(train.x, train.y as Float32Array, d);
      const n = test.y.length;
      const out = tf.tidy(() => ctx.model.apply(tf.tensor2d(test.x, [n, d]), { training: false }));
      const f = out.dataSync();
      out.dispose();
      let netCorrect = 0;
      let svmCorrect = 0;
      let agree = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += w[t]! * test.x[i * d + t]!;
        const netSign = Math.sign(f[i]!);
        netCorrect += netSign === test.y[i] ? 1 : 0;
        svmCorrect += Math.sign(s) === test.y[i] ? 1 : 0;
        agree += netSign === Math.sign(s) ? 1 : 0;
      }
      line = `test acc net ${(netCorrect / n).toFixed(3)}, max-margin linear ${(svmCorrect / n).toFixed(3)}, agreement ${(agree / n).toFixed(3)}`;
    },
  };
  const result = await runTraining(config, { container, backend: 'cpu', loggers: [], callbacks: [compareWithSvm] });
  console.log(
    `ω = ${initScale}: stable rank ${result.final['stable-rank/hidden/kernel']!.toFixed(2)}, train loss ${result.final['train/loss']!.toExponential(2)}; ${line}`,
  );
}
