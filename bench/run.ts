/**
 * `npm run bench` [--quick] [--no-torch] [--cpu-cnn] [--profile] [--counts] [--default-sweep] [--torch-threads N]
 *                 [--backends wasm-blas,wasm,wasm-stock,cpu]
 *                 [--workloads mlp,cnn,matmul-nn,matmul-tn,matmul-nt,matmul-tt,
 *                              mc-d1-penalty,mc-d3-gd,leaky-relu-step,teacher-student-step]
 *
 * Without --workloads: the big-op workloads (mlp, cnn, matmul-*); the seeds' workloads
 * (bench/seed-workloads.ts) run when named, and then also print steps/s.
 * Per tfjs backend setup present (wasm with rankbias' kernels and its matrix products on the system
 * BLAS through @rankbias/linalg-lapack, what a run gets by default where a library loads; the same on
 * XNNPACK; stock wasm; pure-JS cpu) and,
 * where /usr/bin/python3 has torch, PyTorch CPU: median step times of the workloads in
 * bench/workloads.ts, side by side with ratios to PyTorch: median wall time, then median CPU time per
 * step. PyTorch runs single-threaded like the wasm backend unless --torch-threads N; for the seeds'
 * workloads it runs before and after rankbias and the faster of its two runs is the reference.
 * --profile adds the per-kernel time of the MLP and CNN steps (and of the named seed workloads) on each wasm setup.
 * --counts adds kernels and host reads per step of each workload on each setup.
 * --default-sweep adds the wall time of examples/default-sweep.yaml (`rankbias compare`, fresh run
 * directory) against the same 27 runs in PyTorch (bench/torch_default_sweep.py).
 */
import os from 'node:os';
import { BACKEND_SETUPS, type BackendSetup } from './backends.js';
import { benchDefaultSweep } from './default-sweep.js';
import { countStep, formatCounts, formatProfile, profileWorkload } from './profile.js';
import { SEED_WORKLOADS } from './seed-workloads.js';
import { formatTable, isTiming, type Cell, type Column } from './table.js';
import { timeSteps, type TimingOptions } from './timing.js';
import { REFERENCE_BLAS_WARNING, runTorchBench, torchAvailable } from './torch.js';
import { WORKLOADS, type Workload } from './workloads.js';

const ALL_WORKLOADS: readonly Workload[] = [...WORKLOADS, ...SEED_WORKLOADS];

interface Flags {
  quick: boolean;
  torch: boolean;
  cpuCnn: boolean;
  profile: boolean;
  counts: boolean;
  defaultSweep: boolean;
  backends: string[];
  workloads: string[];
  torchThreads: number;
}

function listFlag(argv: string[], name: string, all: string[], fallback = all): string[] {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const picked = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const unknown = picked.filter((p) => !all.includes(p));
  if (unknown.length > 0 || picked.length === 0) {
    throw new Error(`${name} takes a comma-separated list of ${all.join(', ')}; got "${argv[i + 1] ?? ''}"`);
  }
  return picked;
}

function parseFlags(argv: string[]): Flags {
  const threads = argv.indexOf('--torch-threads');
  return {
    quick: argv.includes('--quick'),
    torch: !argv.includes('--no-torch'),
    cpuCnn: argv.includes('--cpu-cnn'),
    profile: argv.includes('--profile'),
    counts: argv.includes('--counts'),
    defaultSweep: argv.includes('--default-sweep'),
    backends: listFlag(
      argv,
      '--backends',
      BACKEND_SETUPS.map((b) => b.id),
    ),
    workloads: listFlag(
      argv,
      '--workloads',
      ALL_WORKLOADS.map((w) => w.id),
      WORKLOADS.map((w) => w.id),
    ),
    torchThreads: threads >= 0 ? Number(argv[threads + 1]) : 0,
  };
}

/** Slow cases get fewer repetitions (seconds per step: the pure-JS backend, stock wasm's transposed matmul). */
function timingFor(backend: string, workload: Workload, quick: boolean): TimingOptions {
  const slowStock = backend === 'wasm-stock' && /^matmul-(tn|nt|tt)$/.test(workload.id);
  // Seeds on wasm: the same chunks as bench/torch_bench.py, so both time the same phase of training.
  if (workload.stepsPerCall && backend === 'cpu') return { warmup: 1, reps: quick ? 2 : 3 };
  if (backend === 'cpu' || slowStock) return { warmup: 1, reps: quick ? 2 : 5 };
  return quick ? { warmup: 2, reps: 5 } : { warmup: 5, reps: 20 };
}

function skipReason(backend: string, workload: Workload, flags: Flags): string | null {
  if (backend === 'cpu' && workload.id === 'cnn' && !flags.cpuCnn) return 'skipped (>5 min/step; --cpu-cnn)';
  return null;
}

async function measure(workload: Workload, options: TimingOptions): Promise<Cell> {
  let state: Awaited<ReturnType<Workload['setup']>> | undefined;
  try {
    state = await workload.setup();
    return await timeSteps(state.step, options, workload.stepsPerCall);
  } catch (e) {
    const message = String((e as Error)?.message ?? e).split('\n')[0]!;
    const missing = /kernel '(\w+)'|gradient function not found for (\w+)|'(\w+)' not registered/.exec(message);
    return {
      skipped: missing ? `fails: no ${missing[1] ?? missing[2] ?? missing[3]}` : `fails: ${message.slice(0, 40)}`,
    };
  } finally {
    state?.dispose();
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const workloads = ALL_WORKLOADS.filter((w) => flags.workloads.includes(w.id));
  const load = () => os.loadavg()[0]!.toFixed(2);
  console.log(
    `rankbias bench: ${os.cpus().length} cores, Node ${process.version}, load average ${load()}${flags.quick ? ', --quick' : ''}`,
  );
  const setups: BackendSetup[] = [];
  for (const setup of BACKEND_SETUPS.filter((b) => flags.backends.includes(b.id))) {
    if (await setup.activate()) setups.push(setup);
    else console.log(`${setup.label}: not available here`);
  }
  const columns: Column[] = setups.map((s) => ({ id: s.id, label: s.label, cells: {} }));
  const noTorch = flags.torch ? torchAvailable() : 'disabled by --no-torch';
  if (noTorch != null) console.log(`PyTorch: ${noTorch}`);
  let reference: Column | undefined;
  // Workload by workload, every setup in turn, so that a change in machine load hits all columns alike.
  for (const w of workloads) {
    // The seeds' small steps: PyTorch runs before and after rankbias and keeps its faster run (a load
    // change in between then cannot favour rankbias).
    const torchFirst =
      noTorch == null && w.stepsPerCall ? runTorchBench(flags.quick, flags.torchThreads, [w.id]) : undefined;
    for (const [i, setup] of setups.entries()) {
      await setup.activate();
      const skip = skipReason(setup.id, w, flags);
      columns[i]!.cells[w.id] = skip ? { skipped: skip } : await measure(w, timingFor(setup.id, w, flags.quick));
      process.stderr.write(`  ${w.id} on ${setup.label}: done\n`);
    }
    if (noTorch == null) {
      const torch = runTorchBench(flags.quick, flags.torchThreads, [w.id]);
      reference ??= { id: 'torch', label: `torch ${torch.version} (${torch.threads} thr, ${torch.blas})`, cells: {} };
      const first = torchFirst?.results[w.id];
      const second = torch.results[w.id];
      reference.cells[w.id] = first && second && first.medianMs < second.medianMs ? first : second!;
      process.stderr.write(`  ${w.id} on PyTorch: done\n`);
    }
  }
  if (reference) columns.push(reference);
  if (flags.profile) {
    for (const setup of setups.filter((s) => s.id.startsWith('wasm'))) {
      await setup.activate();
      for (const w of workloads.filter((x) => x.id === 'mlp' || x.id === 'cnn' || x.stepsPerCall)) {
        if (!isTiming(columns[setups.indexOf(setup)]!.cells[w.id])) continue;
        console.log(formatProfile(`${setup.label} ${w.id}`, await profileWorkload(w)));
      }
    }
  }
  if (flags.counts) {
    for (const setup of setups) {
      await setup.activate();
      for (const w of workloads.filter((x) => isTiming(columns[setups.indexOf(setup)]!.cells[x.id]))) {
        console.log(formatCounts(`${setup.label} ${w.id}`, await countStep(w)));
      }
    }
  }
  console.log(`\n${formatTable(workloads, columns, reference, 'medianMs')}\n`);
  console.log(`${formatTable(workloads, columns, reference, 'cpuMedianMs')}\n`);
  const seeds = workloads.filter((w) => w.stepsPerCall);
  if (seeds.length) {
    console.log(`${formatTable(seeds, columns, reference, 'cpuStepsPerSecond')}\n`);
    // Each timed call is a chunk of 50 steps; its fastest chunk is the one least disturbed by other load.
    console.log(`${formatTable(seeds, columns, reference, 'minMs')}\n`);
  }
  if (flags.defaultSweep) {
    await BACKEND_SETUPS.find((b) => b.id === 'wasm')!.activate(); // runs then pick their own linalg route
    console.log(`${await benchDefaultSweep(noTorch == null, flags.torchThreads)}\n`);
  }
  for (const line of [
    'CPU time counts every thread of the process. For PyTorch (one thread) it is its wall time on an idle',
    "core; Node adds V8's helper threads (garbage collection, compilation), about a third more than its wall",
    'time, which an idle second core absorbs. In a sweep that keeps every core busy, CPU time is what counts.',
    'Wall medians include waiting for a core on a shared machine; for the seeds, the fastest 50-step chunk',
    'is the wall figure least disturbed by other load.',
  ])
    console.log(line);
  if (reference?.label.includes('reference BLAS')) console.log(REFERENCE_BLAS_WARNING);
  console.log(`load average at end ${load()} (figures are noisy when it exceeds the core count)`);
}

await main();
