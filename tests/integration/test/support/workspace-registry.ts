import { container as root } from 'tsyringe';
import { PluginRegistry, register as registerCore } from '@rankbias/core';
import { register as registerCifar } from '@rankbias/data-cifar';
import { register as registerSynthetic } from '@rankbias/data-synthetic';
import { register as registerOverparam } from '@rankbias/linear-overparam';
import { register as registerAdam } from '@rankbias/optim-adam-rank';
import { register as registerDepthMirror } from '@rankbias/reg-depth-mirror';
import { register as registerEval } from '@rankbias/eval';

/** Every plugin the workspace ships, as a user who installed all packages has them. */
export function workspaceRegistry(): PluginRegistry {
  const c = root.createChildContainer();
  for (const register of [
    registerCore,
    registerCifar,
    registerSynthetic,
    registerOverparam,
    registerAdam,
    registerDepthMirror,
    registerEval,
  ]) {
    register(c);
  }
  return new PluginRegistry(c);
}
