import { useBackend } from '../bench/backends.js';
import { runPoint } from '../bench/fmnist-sweep.js';
await useBackend(process.argv[2] ?? 'wasm');
for (const [model, depth] of [['cnn', 1], ['cnn', 4], ['mlp', 1], ['mlp', 4]] as const) {
  const t0 = Date.now();
  const r = await runPoint({ model, depth, seed: 0 }, { steps: 100, perClass: 100, testPerClass: 50, backend: process.argv[2] ?? 'wasm', outRoot: '/tmp/lo-trial' });
  console.log(model, depth, ((Date.now() - t0) / 1000).toFixed(1) + 's', r.status, JSON.stringify(r.final));
}
