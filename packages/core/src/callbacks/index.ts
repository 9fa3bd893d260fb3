import type { AnyPluginFactory } from '../registry/registry.js';
import { earlyStoppingPlugin } from './early-stopping.js';

export { stopOnAbort } from './stop-on-abort.js';
export { isStatefulCallback, type StatefulCallback } from './stateful.js';
export {
  EarlyStopping,
  earlyStoppingOptionsSchema,
  earlyStoppingPlugin,
  type EarlyStoppingOptions,
} from './early-stopping.js';

/** Core's callback plugins: `early-stopping`. */
export const builtinCallbackPlugins: readonly AnyPluginFactory[] = [earlyStoppingPlugin];
