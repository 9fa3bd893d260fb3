import type { SweepReporter, SweepRun } from '@rankbias/core';

/**
 * Progress as lines (the coordinator may run anywhere, often without a terminal):
 * its notes, each failure, and every 10 s the runs settled and the steps of those training.
 */
export function lineReporter(write: (line: string) => void, everyMs = 10_000): SweepReporter {
  let total = 0;
  let settled = 0;
  let lastSummary = Date.now();
  const steps = new Map<string, { run: SweepRun; step: number }>();
  return {
    planned: (runs) => {
      total = runs.length;
    },
    line: (text) => write(`rankbias compare: ${text}`),
    step: (run, step) => {
      steps.set(run.id, { run, step });
      if (Date.now() - lastSummary < everyMs) return;
      lastSummary = Date.now();
      const training = [...steps.values()].map((s) => `${s.run.id}@${s.step}`).join(' ');
      write(`rankbias compare: ${settled}/${total} runs settled; training ${training}`);
    },
    finished: (run, report) => {
      settled++;
      steps.delete(run.id);
      if (report.status === 'failed')
        write(`FAILED ${run.label} seed ${run.seed}: ${report.message ?? 'failed'} (log: ${report.log})`);
    },
  };
}
