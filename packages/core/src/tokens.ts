/**
 * DI tokens under which plugin factories are registered. They are
 * `Symbol.for` symbols so that two copies of this package (or a plugin that
 * only knows the strings) still agree on them.
 */
export const TOKENS = {
  optimizer: Symbol.for('rankbias:optimizer'),
  penalty: Symbol.for('rankbias:penalty'),
  overparam: Symbol.for('rankbias:overparam'),
  dataset: Symbol.for('rankbias:dataset'),
  model: Symbol.for('rankbias:model'),
  metric: Symbol.for('rankbias:metric'),
  callback: Symbol.for('rankbias:callback'),
  logger: Symbol.for('rankbias:logger'),
  command: Symbol.for('rankbias:command'),
  /** How `rankbias compare` trains a sweep's runs (`local` processes, a `queue`, ...). */
  'sweep-executor': Symbol.for('rankbias:sweep-executor'),
} as const;

export type PluginKind = keyof typeof TOKENS;

export const PLUGIN_KINDS = Object.keys(TOKENS) as PluginKind[];
