import * as tf from '@tensorflow/tfjs-core';
import type { DecoupledOptimizer, NamedTensor } from '@rankbias/core';
import { addScaled, registerAddScaledKernel } from '@rankbias/core';
import { chain } from '../transforms/chain.js';
import type { GradientTransformation, Params, TransformState, Updates } from '../transforms/types.js';

registerAddScaledKernel();

function asMap(grads: tf.NamedTensorMap | NamedTensor[]): Updates {
  if (!Array.isArray(grads)) return grads;
  return Object.fromEntries(grads.map((g) => [g.name, g.tensor]));
}

function variableNamed(name: string): tf.Variable {
  const variable = tf.engine().registeredVariables[name];
  if (!variable) {
    throw new Error(
      `optimizer: no tf.Variable named "${name}" is registered. Gradients must be keyed by the variable's name ` +
        `(as tf.Optimizer.computeGradients and model.fit produce them).`,
    );
  }
  return variable;
}

/** Inverse of `getWeights` naming: `dense/kernel/0:scale_by_adam/mu` -> `0:scale_by_adam/mu/dense/kernel`. */
function importedKey(name: string): { key: string; variable?: string } {
  const match = /^(.*?)\/(\d+:.*)$/.exec(name);
  return match ? { key: `${match[2]}/${match[1]}`, variable: match[1] } : { key: name };
}

/** `kernel_1` -> `kernel`: tfjs appends `_<n>` to make variable names unique. */
function stripDedupSuffix(name: string): string {
  return name.replace(/_\d+$/, '');
}

/**
 * A real `tf.Optimizer` driven by a `GradientTransformation`: works in
 * `model.compile`/`model.fit`, `optimizer.minimize` and the rankbias
 * trainer. State is created lazily for each variable the first time it gets
 * a gradient. `getWeights` returns the iteration count followed by the
 * transform state under stable names (`<chain prefix>/<kind>/<variable>`),
 * as new tensors the caller owns; `setWeights` copies them back, so that a
 * resumed run continues exactly.
 *
 * `applyGradientsDecoupled(grads, decoupled)` passes `decoupled` to the
 * transform as `extras.decoupled`: in the built-in optimizers it is added
 * after preconditioning and scaled by the learning rate.
 */
export class TransformOptimizer extends tf.Optimizer implements DecoupledOptimizer {
  /** Registered under this name by subclasses; the base class is not serialisable. */
  static className = 'rankbias.TransformOptimizer';

  private state: Record<string, tf.Tensor> = {};
  private readonly initialised = new Set<string>();
  /** Variable names found in restored state (for naming before they get gradients again). */
  private readonly restored = new Set<string>();

  /** The transform, wrapped in a `chain` when it is not one (so state keys start with `<i>:<name>/`). */
  readonly transform: GradientTransformation;

  /** The transforms before a final constant scale, and that scale, when the chain ends in one (else undefined). */
  private readonly fused: { readonly body: GradientTransformation; readonly scale: number } | undefined;

  constructor(transform: GradientTransformation) {
    super();
    this.transform = transform.name === 'chain' ? transform : chain(transform);
    const parts = this.transform.parts ?? [];
    const scale = parts.at(-1)?.constantScale;
    // The body's state keys are the whole chain's (`<i>:<name>/`, same i): the final scale has no state.
    if (scale !== undefined) this.fused = { body: chain(...parts.slice(0, -1)), scale };
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    this.step(asMap(variableGradients), undefined);
  }

  /** Applies `grads` through the whole transform and `decoupled` after the preconditioner. */
  applyGradientsDecoupled(grads: tf.NamedTensorMap, decoupled: tf.NamedTensorMap): void {
    this.step(grads, decoupled);
  }

  private step(grads: Updates, decoupled: Updates | undefined): void {
    const names = [...new Set([...Object.keys(grads), ...Object.keys(decoupled ?? {})])];
    const variables: Record<string, tf.Variable> = {};
    for (const name of names) variables[name] = variableNamed(name);
    this.ensureState(variables);
    const before = this.state;
    const after = tf.tidy(() => {
      const present: Record<string, tf.Tensor> = {};
      for (const [k, g] of Object.entries(grads)) if (g != null) present[k] = g;
      // A chain ending in a constant scale (−lr) applies it with the parameter update, in one kernel.
      const { body, scale } = this.fused ?? { body: this.transform, scale: undefined };
      const { updates, state } = body.update(present, before, variables as Params, { decoupled });
      for (const [name, u] of Object.entries(updates)) {
        const variable = variables[name]!;
        variable.assign(scale === undefined ? tf.add(variable, u) : addScaled(variable, u, scale));
      }
      // keep: an enclosing tidy (model.fit runs each batch in one) must not dispose the state
      for (const tensor of Object.values(state)) tf.keep(tensor);
      return state as Record<string, tf.Tensor>;
    });
    this.replaceState(after);
    this.incrementIterations();
  }

  /**
   * Initialises state for variables seen for the first time. Entries that
   * exist are kept; a restored entry saved under a variable name that differs
   * from the current one only by tfjs's de-duplication suffix (`kernel` vs
   * `kernel_1`, as tfjs-layers names the variables of a reloaded model) is
   * adopted when it is the only such candidate.
   */
  private ensureState(variables: Record<string, tf.Variable>): void {
    const fresh = Object.keys(variables).filter((n) => !this.initialised.has(n));
    if (!fresh.length) return;
    const claimed = new Set([...this.initialised, ...Object.keys(variables)]);
    for (const name of fresh) {
      const created = tf.tidy(() => this.transform.init({ [name]: variables[name]! }) as Record<string, tf.Tensor>);
      for (const [key, tensor] of Object.entries(created)) {
        if (key in this.state) {
          tensor.dispose();
          continue;
        }
        const adopted = key.endsWith(name)
          ? this.adoptRenamed(key.slice(0, key.length - name.length), name, claimed)
          : undefined;
        if (adopted) {
          tensor.dispose();
          this.state[key] = adopted;
        } else {
          this.state[key] = tf.keep(tensor);
        }
      }
      this.initialised.add(name);
    }
  }

  /** Moves the entry `<prefix><other>` to the caller when `other` is the unique unclaimed renaming of `name`. */
  private adoptRenamed(prefix: string, name: string, claimed: ReadonlySet<string>): tf.Tensor | undefined {
    const base = stripDedupSuffix(name);
    const candidates = Object.keys(this.state).filter((key) => {
      if (!key.startsWith(prefix)) return false;
      const other = key.slice(prefix.length);
      return other !== name && !claimed.has(other) && stripDedupSuffix(other) === base;
    });
    if (candidates.length !== 1) return undefined;
    const tensor = this.state[candidates[0]!]!;
    if (tensor.shape.join() !== this.shapeOf(name)) return undefined;
    delete this.state[candidates[0]!];
    return tensor;
  }

  private shapeOf(name: string): string {
    return tf.engine().registeredVariables[name]!.shape.join();
  }

  private replaceState(next: Record<string, tf.Tensor>): void {
    const kept = new Set(Object.values(next));
    for (const tensor of Object.values(this.state)) if (!kept.has(tensor)) tensor.dispose();
    this.state = { ...next };
  }

  /** The transform state (read-only view; the optimizer owns these tensors). */
  get transformState(): TransformState {
    return this.state;
  }

  /**
   * `iter`, then the state sorted by name. A per-variable entry is named
   * `<variable>/<transform key>` (e.g. `dense/kernel/0:scale_by_adam/mu`,
   * like tfjs's `dense/kernel/m`), a shared one by its key
   * (`0:scale_by_adam/count`). The tensors are copies the caller owns.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    const entries = Object.keys(this.state)
      .map((key) => ({ name: this.exportedName(key), tensor: this.state[key]!.clone() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [await this.saveIterations(), ...entries];
  }

  /** `0:scale_by_adam/mu/dense/kernel` -> `dense/kernel/0:scale_by_adam/mu` (longest matching variable name). */
  private exportedName(key: string): string {
    let best = '';
    for (const v of [...this.initialised, ...this.restored])
      if (key.endsWith(`/${v}`) && v.length > best.length) best = v;
    return best ? `${best}/${key.slice(0, key.length - best.length - 1)}` : key;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const next: Record<string, tf.Tensor> = {};
    this.restored.clear();
    for (const { name, tensor } of rest) {
      const { key, variable } = importedKey(name);
      next[key] = tf.keep(tf.clone(tensor));
      if (variable) this.restored.add(variable);
    }
    for (const tensor of Object.values(this.state)) tensor.dispose();
    this.state = next;
    this.initialised.clear();
  }

  override dispose(): void {
    for (const tensor of Object.values(this.state)) tensor.dispose();
    this.state = {};
    this.initialised.clear();
    this.restored.clear();
    super.dispose();
  }

  override getConfig(): tf.serialization.ConfigDict {
    throw new Error(
      'TransformOptimizer wraps an arbitrary transform and cannot be serialised; use AdamRank, AdamWRank or GDRank.',
    );
  }
}
