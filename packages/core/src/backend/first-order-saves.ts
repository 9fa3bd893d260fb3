import * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-core's Engine (4.x) that saving tensors for the backward pass goes through. */
interface EngineInternals {
  state: {
    gradientDepth: number;
    tensorInfo: Map<unknown, { backend: tf.KernelBackend }>;
  };
  saveTensorsForBackwardMode?: (this: EngineInternals, tensors: tf.Tensor[]) => tf.Tensor[];
  keep<T extends tf.Tensor>(t: T): T;
  makeTensorFromTensorInfo(info: tf.TensorInfo, backend: tf.KernelBackend): tf.Tensor;
}

/**
 * A saved copy of `t` on the same buffer (the backend's reference count, as
 * the cpu backend's and rankbias's wasm Identity kernels do): no kernel, no
 * tape node. `undefined` where that does not apply (strings, complex values,
 * a backend without reference counts).
 */
function sharedCopy(engine: EngineInternals, t: tf.Tensor): tf.Tensor | undefined {
  if (t.dtype === 'string' || t.dtype === 'complex64') return undefined;
  const backend = engine.state.tensorInfo.get(t.dataId)?.backend;
  if (!backend || typeof backend.incRef !== 'function') return undefined;
  backend.incRef(t.dataId);
  return engine.makeTensorFromTensorInfo({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }, backend);
}

/** How many `withFirstOrderSaves` calls are running (they nest). */
let active = 0;
/** Engines given the switchable method (once each: adding and deleting properties would slow every engine call). */
const switchable = new WeakSet<object>();

/**
 * Gives the engine, once, its own `saveTensorsForBackwardMode` that shares
 * buffers while a `withFirstOrderSaves` call runs at gradient depth 1 and
 * otherwise calls tfjs's. False where the engine lacks the method.
 */
function makeSwitchable(engine: EngineInternals): boolean {
  if (switchable.has(engine)) return true;
  const tfjsSaves = engine.saveTensorsForBackwardMode;
  if (typeof tfjsSaves !== 'function') return false;
  engine.saveTensorsForBackwardMode = function (tensors) {
    if (active === 0 || this.state.gradientDepth !== 1) return tfjsSaves.call(this, tensors);
    return tensors.map((t) => {
      const copy = sharedCopy(this, t);
      return copy ? this.keep(copy) : tfjsSaves.call(this, [t])[0]!;
    });
  };
  switchable.add(engine);
  return true;
}

/**
 * Runs `f` (synchronous) with first-order gradients saving their tensors
 * without tfjs's clone. For every kernel it records, tfjs keeps the inputs
 * and outputs its gradient needs as clones: an Identity kernel and a tape
 * node each, about a quarter of a small step's kernels (8 of the 36 of result
 * 3's teacher–student step). A first-order gradient only reads those values,
 * so here they are new tensors on the same buffers. Where gradients are
 * nested (a gradient taken inside another tape, `gradientDepth` above 1), the
 * backward pass is itself recorded and must reach the saved tensors through
 * their clones' tape nodes: there tfjs's own clone runs. The same values
 * either way, so the same gradients bit for bit. Outside `f` the engine saves
 * as tfjs does. Where the engine lacks the method (another tfjs major), `f`
 * just runs.
 */
export function withFirstOrderSaves<T>(f: () => T): T {
  if (!makeSwitchable(tf.engine() as unknown as EngineInternals)) return f();
  active++;
  try {
    return f();
  } finally {
    active--;
  }
}
