import type { AnyPluginFactory } from '@rankbias/core';
import { cifar100Dataset, cifar10Dataset } from './cifar/plugins.js';
import { fashionMnistDataset, idxDataset, mnistDataset } from './idx/plugins.js';

/** Every dataset plugin of this package. */
export const dataCifarPlugins: AnyPluginFactory[] = [cifar10Dataset, cifar100Dataset, idxDataset, fashionMnistDataset, mnistDataset];
