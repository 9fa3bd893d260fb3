import type { PluginKind } from '../tokens.js';

/**
 * Plugins shipped by the rankbias packages, so that a config naming one whose
 * package is not installed gets told which package to install.
 */
export const KNOWN_PLUGIN_PACKAGES: Readonly<Record<string, string>> = {
  'optimizer:adam': '@rankbias/optim-adam-rank',
  'optimizer:adamw': '@rankbias/optim-adam-rank',
  'optimizer:gd': '@rankbias/optim-adam-rank',
  'penalty:depth-mirror': '@rankbias/reg-depth-mirror',
  'penalty:nuclear': '@rankbias/reg-depth-mirror',
  'penalty:l2': '@rankbias/reg-depth-mirror',
  'overparam:linear': '@rankbias/linear-overparam',
  'dataset:cifar10': '@rankbias/data-cifar',
  'dataset:cifar100': '@rankbias/data-cifar',
  'dataset:idx': '@rankbias/data-cifar',
  'dataset:fashion-mnist': '@rankbias/data-cifar',
  'dataset:matrix-completion': '@rankbias/data-synthetic',
  'model:matrix-factorization': '@rankbias/data-synthetic',
  'dataset:mnist': '@rankbias/data-cifar',
  'dataset:orthogonal-clusters': '@rankbias/data-synthetic',
  'dataset:relu-teacher': '@rankbias/data-synthetic',
  'dataset:linear-teacher': '@rankbias/data-synthetic',
  'metric:effective-rank': '@rankbias/eval',
  'metric:stable-rank': '@rankbias/eval',
  'metric:collapse': '@rankbias/eval',
  'metric:spectrum': '@rankbias/eval',
  'metric:embedding-rank': '@rankbias/eval',
  'metric:alignment': '@rankbias/eval',
  'metric:matrix-completion-error': '@rankbias/data-synthetic',
  'command:compare': '@rankbias/eval',
  'command:inspect': '@rankbias/eval',
  'command:report': '@rankbias/eval',
  'sweep-executor:local': '@rankbias/eval',
  'command:data': '@rankbias/data-cifar',
};

export function knownPackageFor(kind: PluginKind, name: string): string | undefined {
  return KNOWN_PLUGIN_PACKAGES[`${kind}:${name}`];
}
