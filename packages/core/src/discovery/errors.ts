/** A plugin package or path that cannot be loaded (not installed, no `register`, failed to import). */
export class PluginLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginLoadError';
  }
}
