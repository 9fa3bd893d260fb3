/** The package every plugin of this package names as its provider. */
export const REPRODUCE_PACKAGE = '@rankbias/reproduce';
