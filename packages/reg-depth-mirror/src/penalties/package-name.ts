/** npm name of this package, recorded on every factory it registers. */
export const PACKAGE_NAME = '@rankbias/reg-depth-mirror';
