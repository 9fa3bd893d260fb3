import type { PluginKind } from '../tokens.js';
import { GENERATED_PLUGIN_PACKAGES } from './known-plugins.generated.js';

/**
 * Plugins shipped by the rankbias packages, so that a config naming one whose
 * package is not installed gets told which package to install. Generated from
 * each package's package.json `rankbias.provides` (scripts/known-plugins.ts).
 */
export const KNOWN_PLUGIN_PACKAGES: Readonly<Record<string, string>> = GENERATED_PLUGIN_PACKAGES;

export function knownPackageFor(kind: PluginKind, name: string): string | undefined {
  return KNOWN_PLUGIN_PACKAGES[`${kind}:${name}`];
}
