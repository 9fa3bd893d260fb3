import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliUsageError, MODEL_JSON, runDirPaths, sweepRunPaths } from '@rankbias/core';

/** A saved model to inspect and, inside a sweep, the run it belongs to. */
export interface InspectTarget {
  readonly modelDir: string;
  readonly run?: { readonly id: string; readonly label: string; readonly seed: number };
}

const HINT = 'give a model directory (or its model.json), a run directory or a sweep directory';

function runOf(runDir: string): InspectTarget['run'] {
  try {
    const meta = JSON.parse(
      readFileSync(sweepRunPaths(dirname(dirname(runDir)), basename(runDir)).sweepRun, 'utf8'),
    ) as { id: string; label: string; seed: number };
    return { id: meta.id, label: meta.label, seed: meta.seed };
  } catch {
    return { id: basename(runDir), label: basename(runDir), seed: NaN };
  }
}

/**
 * The models under `path`: a `model.json`, a model directory, a run directory
 * (its `model/`) or a sweep directory (the `model/` of every run, sorted by
 * group label then seed). A path holding none is a `CliUsageError` saying why.
 */
export function inspectTargets(path: string): InspectTarget[] {
  if (!existsSync(path)) throw new CliUsageError(`no such file or directory: ${path} (${HINT})`);
  if (!statSync(path).isDirectory()) {
    if (basename(path) !== MODEL_JSON) throw new CliUsageError(`cannot inspect ${path}: not a ${MODEL_JSON} (${HINT})`);
    return [{ modelDir: dirname(path) }];
  }
  if (existsSync(join(path, MODEL_JSON))) return [{ modelDir: path }];
  if (existsSync(join(path, 'model', MODEL_JSON))) return [{ modelDir: join(path, 'model') }];
  const runsDir = join(path, 'runs');
  if (existsSync(runsDir) && statSync(runsDir).isDirectory()) {
    const runs = readdirSync(runsDir).map((id) => join(runsDir, id));
    const targets = runs
      .filter((r) => existsSync(join(r, 'model', MODEL_JSON)))
      .map((r) => ({ modelDir: join(r, 'model'), run: runOf(r) }))
      .sort((a, b) => a.run!.label.localeCompare(b.run!.label, 'en', { numeric: true }) || a.run!.seed - b.run!.seed);
    if (!targets.length) {
      throw new CliUsageError(
        `no saved model in any of the ${runs.length} run(s) of ${path}: they finished before sweeps saved models, failed, or set train.saveModel: false; run rankbias compare again`,
      );
    }
    return targets;
  }
  if (existsSync(runDirPaths(path).result) || existsSync(runDirPaths(path).config)) {
    throw new CliUsageError(
      `the run directory ${path} has no model/: the run failed, is unfinished, or set train.saveModel: false`,
    );
  }
  throw new CliUsageError(`${path} holds no ${MODEL_JSON}, model/ or runs/ (${HINT})`);
}
