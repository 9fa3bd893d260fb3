#!/usr/bin/env node
// A stand-in for `rankbias train <config> --out <dir> [--resume]` with the same
// run-directory contract (config.json, metrics.jsonl, checkpoints/latest, result.json,
// exit 130 with status "stopped" after Ctrl-C), used to test the sweep runner's process
// handling quickly. Each step takes STEP_MS; every invocation is appended to invocations.log.
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STEP_MS = Number(process.env.FAKE_STEP_MS ?? 20);
const [, , cmd, configFile, , out, resumeFlag] = process.argv;
if (cmd !== 'train') process.exit(2);
const resume = resumeFlag === '--resume';
const config = JSON.parse(readFileSync(configFile, 'utf8'));
mkdirSync(out, { recursive: true });
appendFileSync(join(out, 'invocations.log'), `${resume ? 'resume' : 'fresh'}\n`);
// a manifest shaped like core's (what runDirState reads: state.finished unset while unfinished)
const ckpt = join(out, 'checkpoints', 'latest', 'manifest.json');
let step = 0;
if (resume) {
  step = JSON.parse(readFileSync(ckpt, 'utf8')).state.step;
  const kept = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l && JSON.parse(l).step <= step);
  writeFileSync(join(out, 'metrics.jsonl'), kept.map((l) => l + '\n').join(''));
} else {
  writeFileSync(join(out, 'config.json'), JSON.stringify(config));
  writeFileSync(join(out, 'metrics.jsonl'), '');
}
const steps = config.train.steps;
const lr = config.optimizer.lr;
const loss = (t) => Math.exp(-lr * t) * (1 + 0.01 * config.seed) + config.model.depth * 0.01;
const checkpoint = () => {
  mkdirSync(join(out, 'checkpoints', 'latest'), { recursive: true });
  writeFileSync(ckpt + '.tmp', JSON.stringify({ format: 'fake', state: { step } }));
  renameSync(ckpt + '.tmp', ckpt);
};
const result = (status, extra = {}) =>
  writeFileSync(
    join(out, 'result.json'),
    JSON.stringify({
      status,
      steps: step,
      final: { 'test/loss': loss(step), 'train/loss': loss(step) / 2 },
      best: { 'test/loss': loss(step), 'train/loss': loss(step) / 2 },
      backend: 'fake',
      seed: config.seed,
      wallSeconds: 0.1,
      ...extra,
    }),
  );
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
});
const tick = () => {
  if (interrupted) {
    checkpoint();
    result('stopped', { stopReason: 'interrupted (SIGINT)' });
    process.exit(130);
  }
  step++;
  if (config.data.fail && step === 3) {
    result('failed', { error: { message: 'loss is NaN', step } });
    process.exit(1);
  }
  appendFileSync(
    join(out, 'metrics.jsonl'),
    JSON.stringify({ step, kind: 'eval', values: { 'test/loss': loss(step), 'train/loss': loss(step) / 2 }, time: 0 }) +
      '\n',
  );
  if (step % 2 === 0) checkpoint();
  if (step >= steps) {
    result('completed');
    process.exit(0);
  }
  setTimeout(tick, STEP_MS);
};
setTimeout(tick, STEP_MS);
