import { describe, expect, it } from 'vitest';
import { ConsoleProgressLogger, formatDuration, formatNumber } from '../../src/trainer/index.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (s: string) => chunks.push(s), columns: 120 } as any, chunks };
}

describe('console progress logger', () => {
  it('without a TTY prints a plain line every N steps with the loss terms and an ETA, and eval lines', () => {
    const { stream, chunks } = capture(false);
    let now = 0;
    const logger = new ConsoleProgressLogger({ stream, every: 5, now: () => now });
    for (let step = 1; step <= 10; step++) {
      now = step * 1000;
      logger.progress(step, 20, { loss: 0.5 / step, 'loss/data': 0.4 / step });
    }
    logger.log({ step: 10, kind: 'eval', values: { 'test/accuracy': 0.75 }, time: 1 });
    logger.log({ step: 10, kind: 'train', values: { loss: 1 }, time: 1 });
    logger.close();
    expect(chunks).toEqual([
      'step 5/20 loss=0.1000 loss/data=0.08000 eta 15s\n',
      'step 10/20 loss=0.05000 loss/data=0.04000 eta 10s\n',
      'eval @10 test/accuracy=0.7500\n',
    ]);
  });

  it('on a TTY draws a cli-progress bar with step/total and the terms', () => {
    const { stream, chunks } = capture(true);
    Object.assign(stream, { cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stream, removeListener: () => stream });
    const logger = new ConsoleProgressLogger({ stream, every: 5 });
    logger.progress(1, 4, { loss: 2 });
    logger.progress(4, 4, { loss: 1 });
    logger.close();
    const out = chunks.join('');
    expect(out).toContain('4/4');
    expect(out).toContain('loss=1');
  });

  it('formats numbers and durations compactly', () => {
    expect(formatNumber(0.000012345)).toBe('1.234e-5');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(65)).toBe('1m05s');
    expect(formatDuration(NaN)).toBe('?');
  });
});
