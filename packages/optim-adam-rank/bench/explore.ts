import 'reflect-metadata';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { container } from 'tsyringe';
import { PluginRegistry, register as registerCore, resolveConfig, runTraining } from '@rankbias/core';
import { register as registerData } from '@rankbias/data-synthetic';
import { register as registerPenalties } from '@rankbias/reg-depth-mirror';
import { register as registerOptim } from '../src/index.js';

await tf.setBackend('cpu');
const c = container.createChildContainer();
registerCore(c);
registerData(c);
registerPenalties(c);
registerOptim(c);
const reg = new PluginRegistry(c);
const [depth, opt, lr, lam, steps, m] = process.argv.slice(2);
const raw = {
  seed: 0,
  backend: 'cpu',
  data: { use: 'matrix-completion', observed: Number(m ?? 2000), size: Number(process.env.N ?? 100), rank: Number(process.env.R ?? 5) },
  model: { use: 'matrix-factorization', depth: Number(depth), size: Number(process.env.N ?? 100) },
  optimizer: opt === 'adam' ? { use: opt, lr: Number(lr), betas: [0.9, Number(process.env.B2 ?? 0.999)] } : { use: opt, lr: Number(lr) },
  penalties: Number(lam) > 0 ? [{ use: 'depth-mirror', weight: Number(lam), select: ['end-to-end'] }] : [],
  metrics: [{ use: 'matrix-completion-error' }],
  loggers: [],
  train: { steps: Number(steps), batchSize: 'full', evalEvery: Math.max(1, Math.floor(Number(steps) / 5)), logEvery: 100, evalSplits: ['train'] },
};
const t0 = Date.now();
const res = await runTraining(resolveConfig(raw, reg), {
  container: c,
  backend: 'cpu',
  loggers: [{ log: (r) => r.kind === 'eval' && console.log(r.step, JSON.stringify(Object.fromEntries(Object.entries(r.values).filter(([k]) => /rel_error|erank|train\/rmse|sigma_1$|sigma_6/.test(k)).map(([k, v]) => [k, +v.toPrecision(4)])))) }],
});
console.log(res.status, ((Date.now() - t0) / 1000).toFixed(1), 's', res.error?.message ?? '');
