import { describe, expect, it, vi } from 'vitest';
import { createRateLimitedLogger } from './rate-limited-logger.js';
import { createFakeClock } from './testing/fake-time.js';

describe('createRateLimitedLogger', () => {
  it('writes one line per key per window and reports the suppressed count in the next window', () => {
    const clock = createFakeClock(0);
    const out = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const limited = createRateLimitedLogger(out, { clock, windowMs: 1000 });
    for (let i = 0; i < 1000; i++) limited.log('warn', 'bad-context', 'invalid context');
    limited.log('warn', 'other', 'another problem');
    expect(out.warn).toHaveBeenCalledTimes(2);
    expect(limited.suppressed()).toBe(999);
    clock.advance(1000);
    limited.log('warn', 'bad-context', 'invalid context');
    expect(out.warn).toHaveBeenLastCalledWith('invalid context (999 similar line(s) suppressed)');
  });

  it('forgets the oldest key when more keys than maxKeys are seen', () => {
    const out = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const limited = createRateLimitedLogger(out, { clock: createFakeClock(), maxKeys: 2 });
    limited.log('error', 'a', 'a');
    limited.log('error', 'b', 'b');
    limited.log('error', 'c', 'c');
    limited.log('error', 'a', 'a again');
    expect(out.error.mock.calls.map((c) => c[0])).toEqual(['a', 'b', 'c', 'a again']);
  });
});
