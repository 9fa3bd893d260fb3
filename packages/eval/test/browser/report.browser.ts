/**
 * Opens a generated report.html in headless Chromium and checks that it
 * renders offline: no console errors, no page errors, no request other than
 * the file itself, every plot visible with a nonzero size, no text in a plot
 * overlapping other text or cut off by the plot's edge (from the rendered
 * SVG's text bounding boxes), and no sideways scrolling at 1200 px.
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
      timeout: 60_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      page.setDefaultTimeout(30_000);
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

      // Text of each plot as the browser laid it out: visible labels only (vega hides overlapping tick labels with opacity 0).
      const texts = await page.$$eval('figure svg', (svgs) =>
        svgs.map((svg) => {
          const frame = svg.getBoundingClientRect();
          const boxes = Array.from(svg.querySelectorAll('text'))
            .filter(
              (t) => t.textContent!.trim() && getComputedStyle(t).opacity !== '0' && t.getAttribute('opacity') !== '0',
            )
            .map((t) => {
              const r = t.getBoundingClientRect();
              return { text: t.textContent!, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
            });
          return { frame: { left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom }, boxes };
        }),
      );
      const problemsInPlots: string[] = [];
      texts.forEach(({ frame, boxes }, i) => {
        expect(boxes.length).toBeGreaterThan(5);
        for (const b of boxes) {
          if (
            b.left < frame.left - 0.5 ||
            b.right > frame.right + 0.5 ||
            b.top < frame.top - 0.5 ||
            b.bottom > frame.bottom + 0.5
          ) {
            problemsInPlots.push(`plot ${i}: "${b.text}" is cut off by the plot's edge`);
          }
        }
        for (let a = 0; a < boxes.length; a++) {
          for (let c = a + 1; c < boxes.length; c++) {
            const p = boxes[a]!;
            const q = boxes[c]!;
            const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
            const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
            // glyph boxes include line spacing: a sliver of 1 px is not an overlap a reader sees
            if (w > 1 && h > 1) problemsInPlots.push(`plot ${i}: "${p.text}" overlaps "${q.text}"`);
          }
        }
      });
      expect(problemsInPlots).toEqual([]);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll).toBeLessThanOrEqual(1200);
      const shots = process.env.RANKBIAS_SCREENSHOT_DIR ?? join(out, '..');
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
    } finally {
      // The check must end, never hang CI: give close 10 s (Chromium exits by itself once
      // this process, the other end of its pipe, is gone).
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
    }
  });
});
