import { packageConfig } from '../../vitest.shared.ts';

// The queue tests start real processes (each CLI start loads tfjs), so tests get minutes, not seconds.
export default packageConfig({ testTimeout: 240_000 });
