import { describe, expect, it } from 'vitest';
import { keepAliveWhile } from './keep-alive.js';

describe('keepAliveWhile', () => {
  it('clamps a huge or infinite wait instead of overflowing Node timers', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      for (const maxMs of [3e9, Infinity, Number.NaN, -5]) {
        await expect(keepAliveWhile(Promise.resolve(maxMs), maxMs)).resolves.toBe(maxMs);
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });
});
