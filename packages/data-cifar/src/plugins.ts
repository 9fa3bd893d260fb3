import type { AnyPluginFactory } from '@rankbias/core';
import { cifar100Dataset, cifar10Dataset } from './cifar/plugins.js';
import { dataCommand } from './commands/data-command.js';
import { fashionMnistDataset, idxDataset, mnistDataset } from './idx/plugins.js';

/** Every plugin of this package: five datasets and the `data` command. */
export const dataCifarPlugins: AnyPluginFactory[] = [
  cifar10Dataset,
  cifar100Dataset,
  idxDataset,
  fashionMnistDataset,
  mnistDataset,
  dataCommand,
];
