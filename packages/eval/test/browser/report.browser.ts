/**
 * Opens a generated report.html in headless Chromium and checks that it
 * renders offline: no console errors, no page errors, no request other than
 * the file itself, and every plot visible with a nonzero size.
 *
 * Run with `npm run test:browser -w @rankbias/eval` (sets RANKBIAS_BROWSER_TEST=1,
 * which adds this file to the vitest run). Needs Debian's chromium
 * (`apt-get install -y chromium`) or RANKBIAS_CHROMIUM=/path/to/chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { writeReport } from '../../src/report/write-report.js';
import { writeFixtureSweep } from '../support/fixture-runs.js';

const executablePath = process.env.RANKBIAS_CHROMIUM ?? '/usr/bin/chromium';

describe('report.html in headless Chromium', () => {
  it('renders with no console errors, no network requests, and visible plots', async () => {
    if (!existsSync(executablePath)) {
      throw new Error(
        `the browser check needs Chromium at ${executablePath}: install it (Debian: apt-get install -y chromium) ` +
          'or point RANKBIAS_CHROMIUM at a Chromium binary',
      );
    }
    const out = writeFixtureSweep({ failSeed2Depth3: true });
    const files = await writeReport(out);
    const url = pathToFileURL(files.html).href;
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      page.on('request', (r) => requests.push(r.url()));
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.ok() ?? true).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      const plots = await page.$$eval('figure svg, figure img', (els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          const style = getComputedStyle(e);
          return { w: r.width, h: r.height, visible: style.visibility !== 'hidden' && style.display !== 'none' };
        }),
      );
      expect(plots.length).toBe(6);
      for (const p of plots) {
        expect(p.visible).toBe(true);
        expect(p.w).toBeGreaterThan(200);
        expect(p.h).toBeGreaterThan(100);
      }
      const rows = await page.$$eval('table', (tables) => tables[0]!.querySelectorAll('tbody tr').length);
      expect(rows).toBe(4);
      const shots = process.env.RANKBIAS_SCREENSHOT_DIR ?? join(out, '..');
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
