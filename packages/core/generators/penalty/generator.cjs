'use strict';
/**
 * Nx generator `@rankbias/core:penalty`: scaffolds a penalty plugin package.
 *
 *   npx nx g @rankbias/core:penalty my-penalty [--directory=packages/x] [--packageName=@scope/x]
 *
 * Plain CommonJS on purpose: Nx loads it straight from a clean clone, with no
 * build step. Files come from ./files (EJS templates, `__name__` in paths).
 */
const path = require('node:path');
const {
  formatFiles,
  generateFiles,
  joinPathFragments,
  names,
  offsetFromRoot,
  updateJson,
  writeJson,
} = require('@nx/devkit');

const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CORE_DIR = 'packages/core';

/** Validates and completes the options; throws an error that says how to fix a bad one. */
function normalizeOptions(tree, options) {
  const name = String(options.name ?? '').trim();
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `penalty name "${name}" is not kebab-case (lowercase letters, digits, single dashes, starting with a letter); ` +
        `try e.g. "${names(name || 'my-penalty').fileName.replace(/[^a-z0-9-]/g, '') || 'my-penalty'}"`,
    );
  }
  const projectRoot = (options.directory ?? `packages/penalty-${name}`).replace(/\\/g, '/').replace(/\/+$/, '');
  if (path.posix.isAbsolute(projectRoot) || projectRoot.split('/').includes('..')) {
    throw new Error(`--directory must be a path inside the workspace, relative to its root (got "${projectRoot}")`);
  }
  if (tree.exists(projectRoot) && tree.children(projectRoot).length > 0) {
    throw new Error(`${projectRoot} already exists and is not empty; pick another --directory or name`);
  }
  const n = names(name);
  return {
    name,
    projectRoot,
    packageName: options.packageName ?? `@rankbias/penalty-${name}`,
    description: options.description ?? `${name} penalty for rankbias`,
    propertyName: n.propertyName, // myPenalty
    className: n.className, // MyPenalty
    fileName: n.fileName, // my-penalty
  };
}

/** Versions the new package pins, taken from @rankbias/core's own package.json. */
function coreVersions() {
  const core = require('../../package.json');
  const dev = core.devDependencies ?? {};
  return {
    core: core.version,
    tfjsCore: dev['@tensorflow/tfjs-core'] ?? '4.22.0',
    tfjsLayers: dev['@tensorflow/tfjs-layers'] ?? '4.22.0',
    tfjsBackendCpu: core.dependencies?.['@tensorflow/tfjs-backend-cpu'] ?? '4.22.0',
    tsyringe: dev.tsyringe ?? '4.10.0',
    reflectMetadata: dev['reflect-metadata'] ?? '0.2.2',
  };
}

/**
 * The peer range on core: through 0.x the plugin contract stays compatible
 * across minors, so the range spans the whole 0.x line (see the README's
 * peer-dependency bump policy); from 1.0 on it is the usual caret range.
 */
function corePeerRange(version) {
  const major = Number(String(version).split('.')[0]);
  return major === 0 ? `>=${version} <1.0.0` : `^${version}`;
}

function packageJson(o, v) {
  return {
    name: o.packageName,
    version: '0.1.0',
    description: `rankbias plugin: ${o.description}`,
    license: 'MIT',
    type: 'module',
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    files: ['dist', 'README.md'],
    rankbias: { plugin: true },
    scripts: { build: 'tsc -b tsconfig.lib.json', test: 'vitest run' },
    peerDependencies: {
      '@rankbias/core': corePeerRange(v.core),
      '@tensorflow/tfjs-core': `^${v.tfjsCore}`,
      '@tensorflow/tfjs-layers': `^${v.tfjsLayers}`,
      tsyringe: `^${v.tsyringe}`,
    },
    devDependencies: {
      '@rankbias/core': v.core,
      '@tensorflow/tfjs-backend-cpu': v.tfjsBackendCpu,
      '@tensorflow/tfjs-core': v.tfjsCore,
      '@tensorflow/tfjs-layers': v.tfjsLayers,
      'reflect-metadata': v.reflectMetadata,
      tsyringe: v.tsyringe,
    },
    publishConfig: { access: 'public' },
  };
}

/** Adds the package to the workspace's solution tsconfig (tsconfig.build.json) when there is one. */
function addBuildReference(tree, projectRoot) {
  if (!tree.exists('tsconfig.build.json')) return;
  updateJson(tree, 'tsconfig.build.json', (json) => {
    const ref = { path: `${projectRoot}/tsconfig.lib.json` };
    json.references = json.references ?? [];
    if (!json.references.some((r) => r.path === ref.path)) json.references.push(ref);
    return json;
  });
}

async function penaltyGenerator(tree, rawOptions) {
  const o = normalizeOptions(tree, rawOptions);
  const offset = offsetFromRoot(o.projectRoot); // e.g. "../../"
  // Inside the rankbias monorepo the package tests against core's sources and the shared vitest preset.
  const inMonorepo = tree.exists(`${CORE_DIR}/src/testing/index.ts`) && tree.exists('vitest.shared.ts');
  const coreRel = path.posix.relative(o.projectRoot, CORE_DIR);
  const packagesRel = path.posix.dirname(coreRel); // where sibling packages live, seen from the new one
  generateFiles(tree, path.join(__dirname, 'files'), o.projectRoot, {
    ...o,
    offset,
    inMonorepo,
    coreRel,
    packagesRel,
    hasBaseTsconfig: tree.exists('tsconfig.base.json'),
    tmpl: '',
  });
  writeJson(tree, joinPathFragments(o.projectRoot, 'package.json'), packageJson(o, coreVersions()));
  addBuildReference(tree, o.projectRoot);
  await formatFiles(tree);
  return () => {
    console.log(
      [
        '',
        `Created ${o.packageName} in ${o.projectRoot}. Next:`,
        `  npm install                          # links the new workspace package`,
        `  cd ${o.projectRoot} && npx vitest run   # example penalty + shared conformance suite`,
        `  edit src/${o.fileName}.ts (value and options), then add a changeset: npx changeset`,
        '',
      ].join('\n'),
    );
  };
}

module.exports = penaltyGenerator;
module.exports.default = penaltyGenerator;
module.exports.normalizeOptions = normalizeOptions;
