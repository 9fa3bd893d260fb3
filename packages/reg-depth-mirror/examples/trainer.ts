// The depth-mirror penalty inside the rankbias trainer, on the end-to-end
// product of a depth-3 linear network (the penalty of docs/science.md#4-an-explicit-penalty-that-mirrors-depth).
// Run: npx tsx examples/trainer.ts   (from packages/reg-depth-mirror)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createPluginContainer, PluginRegistry, resolveConfig, runTraining, type LogRecord } from '@rankbias/core';
import { register } from '@rankbias/reg-depth-mirror';

await tf.setBackend('cpu');
const container = createPluginContainer(); // core's built-in plugins
register(container); // + depth-mirror, nuclear, l2

const config = resolveConfig(
  {
    seed: 0,
    data: { use: 'gaussian-mixture', classes: 3, dim: 8, trainSize: 256, testSize: 128 },
    model: { use: 'deep-linear', depth: 3 },
    optimizer: { use: 'tfjs-adam', lr: 0.01 },
    penalties: [{ use: 'depth-mirror', weight: 0.1, select: ['end-to-end'] }],
    loggers: [],
    train: { steps: 60, batchSize: 64, logEvery: 20, evalEvery: 0 },
  },
  new PluginRegistry(container),
);
const logger = { log: (r: LogRecord) => r.kind === 'train' && console.log(r.step, JSON.stringify(r.values)) };
const result = await runTraining(config, { container, backend: 'cpu', loggers: [logger] });
console.log(result.status, result.final);
