/** The native TensorFlow bindings, best first. Each registers the tfjs backend `tensorflow` on import. */
export const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;
export type NativePackage = (typeof NATIVE_PACKAGES)[number];

/** Imports a module by name; injectable so tests can stand in for packages that are not installed. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

export const defaultImporter: ModuleImporter = (specifier) => import(specifier);

/** What to tell a user who wants a faster backend. */
export const NATIVE_INSTALL_HINT =
  'faster: npm install @tensorflow/tfjs-node (CPU) or @tensorflow/tfjs-node-gpu (CUDA 11.2 + cuDNN 8.1); ' +
  'both download libtensorflow at install time (network needed, Node < 23)';

/** Why importing a native package failed, in a few words. */
export function describeImportFailure(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') return 'not installed';
  // bundlers and test runners (vite) report a missing package without Node's code
  if (/^(Cannot find (package|module)|Could not resolve|Failed to (resolve|load url)) /.test(String(e?.message)))
    return 'not installed';
  const first = String(e?.message ?? e).split('\n')[0];
  return `failed to load (${first})`;
}

/**
 * Tries the native packages in order and activates the first that loads.
 * Returns the package used, or the reason each one failed.
 */
export async function tryNative(
  tf: typeof import('@tensorflow/tfjs-core'),
  packages: readonly NativePackage[],
  importer: ModuleImporter,
): Promise<{ used?: NativePackage; failures: string[] }> {
  const failures: string[] = [];
  for (const pkg of packages) {
    try {
      await importer(pkg);
      if (await tf.setBackend('tensorflow')) return { used: pkg, failures };
      failures.push(`${pkg} loaded but the tensorflow backend did not initialise`);
    } catch (e) {
      failures.push(`${pkg} ${describeImportFailure(e)}`);
    }
  }
  return { failures };
}
