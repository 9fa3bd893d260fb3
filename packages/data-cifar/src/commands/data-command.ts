import { resolve } from 'node:path';
import { definePlugin, InputError, z, type CliEnv, type Command } from '@rankbias/core';
import { defaultDataDir } from '../store/data-dir.js';
import { fetchWithConnectTimeout } from '../fetch/connect-timeout.js';
import { FETCHABLE_DATASETS, fetchDataset, type FetchableDataset } from '../fetch/fetch-dataset.js';

/** How long a download waits for the server to answer before calling the network unreachable. */
const CONNECT_TIMEOUT_MS = 20_000;

/** Adds `rankbias data fetch <dataset> [--from PATH_OR_URL] [--dir DIR]`. */
export function registerDataCommand(program: Command, env: CliEnv, cwd: () => string = () => process.cwd()): void {
  const data = program.command('data').description('Datasets on demand: fetch the files the dataset plugins read');
  data
    .command('fetch')
    .description(
      'Download a dataset from its official source, or copy it from a local file or folder, checksum-verified, into the folder its loader searches',
    )
    .argument('<dataset>', FETCHABLE_DATASETS.join(' | '))
    .option(
      '--from <path-or-url>',
      'a local folder (e.g. /usr/share/datasets/fashion-mnist) or file (the CIFAR .tar.gz), or a mirror URL',
    )
    .option(
      '--dir <dir>',
      'data directory to fill (default $RANKBIAS_DATA_DIR or ~/.cache/rankbias, where the loaders look)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  rankbias data fetch fashion-mnist --from /usr/share/datasets/fashion-mnist\n  rankbias data fetch cifar10\nOffline, it exits with 2 and prints the manual step.',
    )
    .action(async (dataset: string, opts: { from?: string; dir?: string }) => {
      if (!(FETCHABLE_DATASETS as readonly string[]).includes(dataset)) {
        throw new InputError(
          `unknown dataset "${dataset}"; rankbias data fetch knows ${FETCHABLE_DATASETS.join(', ')}`,
        );
      }
      const dataDir = opts.dir ? resolve(cwd(), opts.dir) : defaultDataDir();
      const written = await fetchDataset({
        dataset: dataset as FetchableDataset,
        from: opts.from,
        cwd: cwd(),
        dataDir,
        log: (line) => env.err(line),
        fetchImpl: fetchWithConnectTimeout(CONNECT_TIMEOUT_MS),
      });
      const custom =
        opts.dir && resolve(dataDir) !== resolve(defaultDataDir())
          ? ` (set RANKBIAS_DATA_DIR=${dataDir} so the loaders look there)`
          : '';
      env.out(`${dataset}: ${written.length} file${written.length === 1 ? '' : 's'} verified into ${dataDir}${custom}`);
      for (const file of written) env.out(`  ${file}`);
    });
}

/** The `data` command plugin (`rankbias data fetch ...`). */
export const dataCommand = definePlugin({
  kind: 'command',
  name: 'data',
  description:
    'rankbias data fetch fashion-mnist|mnist|cifar10|cifar100 [--from PATH_OR_URL] [--dir DIR]: datasets on demand, checksum-verified',
  options: z.strictObject({}),
  create: () => ({ register: (program: Command, env: CliEnv) => registerDataCommand(program, env) }),
});
