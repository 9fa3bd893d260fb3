import { mergePatch } from './merge-patch.js';
import type { Experiment, Scale } from './schema.js';

/** The sweep an experiment runs at a scale: the paper's as written, smaller ones patched. */
export function scaledSweep(experiment: Experiment, scale: Scale): Record<string, unknown> {
  const sweep =
    scale === 'paper'
      ? experiment.sweep
      : (mergePatch(experiment.sweep, experiment.scales[scale]) as Record<string, unknown>);
  return { ...sweep, name: `${experiment.name}-${scale}`, description: experiment.description };
}
