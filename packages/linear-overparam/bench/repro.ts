/**
 * Reproduction of docs/science.md#1-linear-over-parameterization at CPU scale.
 *   npx tsx bench/repro.ts [--parts fmnist,init,regression] [--seeds 3] [--steps-cnn 200] [--steps-mlp 300]
 *                          [--models cnn,mlp] [--lr 0.02] [--backend wasm] [--out /tmp/rankbias-linear-overparam]
 * Fashion-MNIST rows are kept per (model, lr): a run with another --lr adds rows.
 * Fashion-MNIST runs go through core's runTraining (run directories under --out,
 * each with model-collapsed/); results are printed as Markdown tables, saved
 * as JSON next to this script, and plotted into docs/experiments/img/.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSvg, svgToPng } from '@rankbias/eval';
import { useBackend } from './backends.js';
import { runPoint, type SweepPoint } from './fmnist-sweep.js';
import { initRankVsDepth, regressionVsDepth, type InitRankRow, type RegressionRow } from './observations.js';
import { fmnistSpec, observationsSpec, type FmnistRow } from './plots.js';
import { initialWeightRanks, weightRanks } from './weight-ranks.js';
import { buildCnn, buildMlp, cnnOptionsSchema, mlpOptionsSchema } from '@rankbias/core';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const here = dirname(fileURLToPath(import.meta.url));
const imgDir = join(here, '..', '..', '..', 'docs', 'experiments', 'img');
const resultsFile = join(here, 'results', 'linear-overparam.json');
const parts = arg('parts', 'fmnist,init,regression').split(',');
const seeds = Number(arg('seeds', '3'));
const backend = arg('backend', 'wasm');
const outRoot = arg('out', '/tmp/rankbias-linear-overparam');

interface Results {
  fmnist?: FmnistRow[];
  init?: InitRankRow[];
  regression?: RegressionRow[];
  settings?: Record<string, unknown>;
  weights?: { group: string; layer: string; entropy: number; entropyStd: number; initEntropy?: number }[];
}
const results: Results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Results) : {};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / Math.max(xs.length - 1, 1));
const pm = (m: number, s: number, digits = 3) => `${m.toFixed(digits)} ± ${s.toFixed(digits)}`;

if (parts.includes('fmnist')) {
  if (!(await useBackend(backend))) process.exit(1);
  const settings = {
    cnn: { steps: Number(arg('steps-cnn', '200')) },
    mlp: { steps: Number(arg('steps-mlp', '300')) },
    perClass: Number(arg('per-class', '100')),
    testPerClass: Number(arg('test-per-class', '100')),
    lr: Number(arg('lr', '0.02')),
  };
  const models = arg('models', 'cnn,mlp').split(',') as ('cnn' | 'mlp')[];
  const rows: FmnistRow[] = [];
  for (const model of models) {
    for (const depth of [1, 2, 4]) {
      const finals: Record<string, number>[] = [];
      for (let seed = 0; seed < seeds; seed++) {
        const point: SweepPoint = { model, depth, seed };
        const t0 = Date.now();
        const r = await runPoint(point, {
          steps: settings[model].steps,
          perClass: settings.perClass,
          testPerClass: settings.testPerClass,
          lr: settings.lr,
          backend,
          outRoot,
        });
        console.log(
          `${model} depth ${depth} seed ${seed}: ${r.status} in ${((Date.now() - t0) / 1000).toFixed(1)}s test acc ${r.final['test/accuracy']}`,
        );
        finals.push(r.final);
      }
      const layer = model === 'cnn' ? 'act_0' : 'act_1';
      const get = (k: string) => finals.map((f) => f[k]!);
      rows.push({
        model: `${model} lr ${settings.lr}`,
        depth,
        seeds: finals.map((f) => f['test/accuracy']!),
        testAccuracy: mean(get('test/accuracy')),
        testAccuracyStd: std(get('test/accuracy')),
        trainAccuracy: mean(get('train/accuracy')),
        entropy: mean(get(`embedding-entropy/${layer}`)),
        entropyStd: std(get(`embedding-entropy/${layer}`)),
        erank: mean(get(`embedding-erank/${layer}`)),
      });
    }
  }
  const labels = new Set(rows.map((r) => r.model));
  results.fmnist = [...(results.fmnist ?? []).filter((r) => !labels.has(r.model)), ...rows];
  results.settings = { ...results.settings, [`fmnist lr ${settings.lr}`]: { ...settings, models, seeds, backend } };
  console.log(
    '\n| model | depth | test accuracy | train accuracy | H (embeddings) | erank = exp H |\n|---|---|---|---|---|---|',
  );
  for (const r of results.fmnist) {
    console.log(
      `| ${r.model} | ${r.depth === 1 ? '1 (base)' : r.depth} | ${pm(r.testAccuracy, r.testAccuracyStd)} | ${r.trainAccuracy.toFixed(3)} | ${pm(r.entropy, r.entropyStd)} | ${r.erank.toFixed(2)} |`,
    );
  }
}

if (parts.includes('init')) {
  results.init = initRankVsDepth([1, 2, 4, 8, 16]);
  console.log('\n| depth | kind | H (mean ± std, 5 nets) | erank |\n|---|---|---|---|');
  for (const r of results.init)
    console.log(`| ${r.depth} | ${r.kind} | ${pm(r.entropy, r.entropyStd)} | ${r.erank.toFixed(2)} |`);
}

if (parts.includes('regression')) {
  const opts = {
    steps: Number(arg('reg-steps', '3000')),
    lr: Number(arg('reg-lr', '0.02')),
    initScale: Number(arg('reg-init', '0.01')),
    n: Number(arg('reg-n', '32')),
    noise: Number(arg('reg-noise', '0.15')),
  };
  const rows = regressionVsDepth([1, 2, 4, 8], seeds, opts).map((r) => ({ ...r, initScale: opts.initScale }));
  results.regression = [...(results.regression ?? []).filter((r) => r.initScale !== opts.initScale), ...rows];
  results.settings = { ...results.settings, [`regression init ${opts.initScale}`]: { ...opts, seeds, d: 16 } };
  console.log(
    '\n| init scale | target | depth | relative test error | H(W_e) | erank(W_e) | final train loss |\n|---|---|---|---|---|---|---|',
  );
  for (const r of results.regression) {
    console.log(
      `| ${r.initScale} | ${r.target} | ${r.depth} | ${pm(r.testError, r.testErrorStd)} | ${r.entropy.toFixed(3)} | ${r.erank.toFixed(2)} | ${r.trainLoss.toExponential(1)} |`,
    );
  }
}

if (parts.includes('weights')) {
  // group run dirs by name without the seed suffix
  const byGroup = new Map<string, Record<string, number[]>>();
  for (const { run, entropy } of await weightRanks(outRoot)) {
    const group = run.replace(/-s\d+$/, '');
    const acc = byGroup.get(group) ?? {};
    for (const [layer, h] of Object.entries(entropy)) (acc[layer] ??= []).push(h);
    byGroup.set(group, acc);
  }
  // the same architectures before training (same build as the shipped configs)
  const info = (flat: boolean) => ({
    task: 'classification' as const,
    inputShape: flat ? [784] : [28, 28, 1],
    outputSize: 10,
  });
  const builders = {
    cnn: () => buildCnn(cnnOptionsSchema.parse({ filters: [8, 16], dense: [32] }), info(false)),
    mlp: () => buildMlp(mlpOptionsSchema.parse({ hidden: [128, 64] }), info(true)),
  };
  const initial = (group: string, layer: string): number => {
    const [, model, depth] = /^(cnn|mlp).*-d(\d+)$/.exec(group) ?? [];
    if (!model) return NaN;
    return mean(
      [0, 1, 2].map((seed) => initialWeightRanks(builders[model as 'cnn' | 'mlp'], Number(depth), seed)[layer]!),
    );
  };
  results.weights = [...byGroup].flatMap(([group, layers]) =>
    Object.entries(layers).map(([layer, hs]) => ({
      group,
      layer,
      entropy: mean(hs),
      entropyStd: std(hs),
      initEntropy: initial(group, layer),
    })),
  );
  console.log('\n| runs | layer | H at init (3 draws) | H of the final (collapsed) kernel |\n|---|---|---|---|');
  for (const r of results.weights)
    console.log(`| ${r.group} | ${r.layer} | ${r.initEntropy!.toFixed(3)} | ${pm(r.entropy, r.entropyStd)} |`);
}

mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, JSON.stringify(results, null, 2));
mkdirSync(imgDir, { recursive: true });
async function plot(name: string, spec: Parameters<typeof renderSvg>[0]): Promise<void> {
  const svg = await renderSvg(spec);
  writeFileSync(join(imgDir, `${name}.svg`), svg);
  writeFileSync(join(imgDir, `${name}.png`), svgToPng(svg));
}
if (results.fmnist) await plot('linear-overparam-fmnist', fmnistSpec(results.fmnist));
if (results.init && results.regression)
  await plot('linear-overparam-observations', observationsSpec(results.init, results.regression));
console.log(`\nresults: ${resultsFile}\nplots: ${imgDir}/linear-overparam-*.{svg,png}`);
