import { packageConfig } from '../../vitest.shared.ts';

// Packing and the tiny experiments take minutes on 2 cores.
export default packageConfig({ testTimeout: 240_000 });
