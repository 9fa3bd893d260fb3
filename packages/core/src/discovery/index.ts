// Barrel of src/discovery: finding and loading plugin packages.
export {
  loadPlugins,
  importAndRegister,
  type LoadedPlugin,
  type LoadPluginsOptions,
  type PluginSource,
} from './load.js';
export { findPluginPackages, findInstalledPackage, searchDirs, type ScanOptions } from './scan.js';
export { isPluginManifest, type PackageDir, type PackageJson } from './package-json.js';
export { checkConfigPluginNames, configPluginNames, looksLikePath } from './plugin-names.js';
export { PluginLoadError } from './errors.js';
