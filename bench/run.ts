/**
 * `npm run bench` [--quick] [--no-torch] [--cpu-cnn] [--profile] [--torch-threads N]
 *                 [--backends wasm,wasm-stock,cpu] [--workloads mlp,cnn,matmul-nn,matmul-tn,matmul-nt,matmul-tt]
 *
 * Per tfjs backend setup present (wasm with rankbias' kernels, stock wasm, pure-JS cpu) and,
 * where /usr/bin/python3 has torch, PyTorch CPU: median step times of the workloads in
 * bench/workloads.ts, side by side with ratios to PyTorch: median wall time, then median CPU time per
 * step. PyTorch runs single-threaded like the wasm backend unless --torch-threads N.
 * --profile adds the per-kernel time of the MLP and CNN steps on each wasm setup.
 */
import os from 'node:os';
import { BACKEND_SETUPS, type BackendSetup } from './backends.js';
import { formatProfile, profileWorkload } from './profile.js';
import { formatTable, isTiming, type Cell, type Column } from './table.js';
import { timeSteps, type TimingOptions } from './timing.js';
import { runTorchBench, torchAvailable } from './torch.js';
import { WORKLOADS, type Workload } from './workloads.js';

interface Flags {
  quick: boolean;
  torch: boolean;
  cpuCnn: boolean;
  profile: boolean;
  backends: string[];
  workloads: string[];
  torchThreads: number;
}

function listFlag(argv: string[], name: string, all: string[]): string[] {
  const i = argv.indexOf(name);
  if (i < 0) return all;
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
    backends: listFlag(argv, '--backends', BACKEND_SETUPS.map((b) => b.id)),
    workloads: listFlag(argv, '--workloads', WORKLOADS.map((w) => w.id)),
    torchThreads: threads >= 0 ? Number(argv[threads + 1]) : 0,
  };
}

/** Slow cases get fewer repetitions (seconds per step: the pure-JS backend, stock wasm's transposed matmul). */
function timingFor(backend: string, workload: Workload, quick: boolean): TimingOptions {
  const slowStock = backend === 'wasm-stock' && /^matmul-(tn|nt|tt)$/.test(workload.id);
  if (backend === 'cpu' || slowStock) return { warmup: 1, reps: quick ? 2 : 5 };
  return quick ? { warmup: 2, reps: 5 } : { warmup: 5, reps: 20 };
}

function skipReason(backend: string, workload: Workload, flags: Flags): string | null {
  if (backend === 'cpu' && workload.id === 'cnn' && !flags.cpuCnn) return 'skipped (>5 min/step; --cpu-cnn)';
  return null;
}

function measure(workload: Workload, options: TimingOptions): Cell {
  let state: ReturnType<Workload['setup']> | undefined;
  try {
    state = workload.setup();
    return timeSteps(state.step, options);
  } catch (e) {
    const message = String((e as Error)?.message ?? e).split('\n')[0]!;
    const missing = /kernel '(\w+)'|gradient function not found for (\w+)|'(\w+)' not registered/.exec(message);
    return { skipped: missing ? `fails: no ${missing[1] ?? missing[2] ?? missing[3]}` : `fails: ${message.slice(0, 40)}` };
  } finally {
    state?.dispose();
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const workloads = WORKLOADS.filter((w) => flags.workloads.includes(w.id));
  const load = () => os.loadavg()[0]!.toFixed(2);
  console.log(`rankbias bench: ${os.cpus().length} cores, Node ${process.version}, load average ${load()}${flags.quick ? ', --quick' : ''}`);
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
    for (const [i, setup] of setups.entries()) {
      await setup.activate();
      const skip = skipReason(setup.id, w, flags);
      columns[i]!.cells[w.id] = skip ? { skipped: skip } : measure(w, timingFor(setup.id, w, flags.quick));
      process.stderr.write(`  ${w.id} on ${setup.label}: done\n`);
    }
    if (noTorch == null) {
      const torch = runTorchBench(flags.quick, flags.torchThreads, [w.id]);
      reference ??= { id: 'torch', label: `torch ${torch.version} (${torch.threads} thr)`, cells: {} };
      Object.assign(reference.cells, torch.results);
      process.stderr.write(`  ${w.id} on PyTorch: done\n`);
    }
  }
  if (reference) columns.push(reference);
  if (flags.profile) {
    for (const setup of setups.filter((s) => s.id.startsWith('wasm'))) {
      await setup.activate();
      for (const w of workloads.filter((x) => x.id === 'mlp' || x.id === 'cnn')) {
        if (!isTiming(columns[setups.indexOf(setup)]!.cells[w.id])) continue;
        console.log(formatProfile(`${setup.label} ${w.id}`, await profileWorkload(w)));
      }
    }
  }
  console.log(`\n${formatTable(workloads, columns, reference, 'medianMs')}\n`);
  console.log(`${formatTable(workloads, columns, reference, 'cpuMedianMs')}\n`);
  console.log('CPU time = wall time on an idle core for these single-threaded runs; it is the figure to trust when the');
  console.log('machine is shared (wall medians then include waiting for a core).');
  console.log(`load average at end ${load()} (figures are noisy when it exceeds the core count)`);
}

await main();
