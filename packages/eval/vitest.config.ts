import { packageConfig } from '../../vitest.shared.ts';

const config = packageConfig();
// The real-browser check of report.html runs only when asked for
// (npm run test:browser sets RANKBIAS_BROWSER_TEST=1): it needs Chromium.
if (process.env.RANKBIAS_BROWSER_TEST === '1') {
  config.test!.include = [...(config.test!.include ?? []), 'test/browser/**/*.browser.ts'];
}

export default config;
