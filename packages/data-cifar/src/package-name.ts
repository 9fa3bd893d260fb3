/** npm name under which this package's plugins are registered. */
export const PACKAGE_NAME = '@rankbias/data-cifar';
