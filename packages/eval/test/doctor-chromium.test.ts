import { describe, expect, it } from 'vitest';
import { chromiumCheck } from '../src/doctor/chromium-check.js';
import { reportCommand } from '../src/commands/report.js';

describe('rankbias doctor: Chromium for the report check', () => {
  it('the report command contributes it', () => {
    expect(reportCommand.doctor).toBe(chromiumCheck);
  });

  it('runs the binary the browser check would use and reports its version', async () => {
    const [check] = await chromiumCheck({ env: { RANKBIAS_CHROMIUM: '/usr/bin/chromium' }, cwd: '/' });
    expect(check).toMatchObject({
      topic: 'tools',
      ok: true,
      detail: expect.stringMatching(/^Chromium \d+\.[\d.]+.* at \/usr\/bin\/chromium$/),
    });
  }, 30_000);

  it('a missing RANKBIAS_CHROMIUM says so, where it looked and the command that adds it', async () => {
    const [check] = await chromiumCheck({ env: { RANKBIAS_CHROMIUM: '/nonexistent/chromium' }, cwd: '/' });
    expect(check).toMatchObject({
      ok: false,
      looked: ['/nonexistent/chromium'],
      fix: 'apt-get install -y chromium',
      detail: expect.stringContaining('/nonexistent/chromium not found'),
    });
  });
});
