import { describe, expect, it, vi } from 'vitest';
import { createConsoleLogger, filterLogger, isLogger, safeLog, silentLogger } from './logger.js';

function sink() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describe('createConsoleLogger', () => {
  it('writes warn and error but not debug or info at the default level', () => {
    const out = sink();
    const logger = createConsoleLogger({ destination: out });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e', { code: 1 });
    expect(out.debug).not.toHaveBeenCalled();
    expect(out.info).not.toHaveBeenCalled();
    expect(out.warn).toHaveBeenCalledWith('[ensign] w');
    expect(out.error).toHaveBeenCalledWith('[ensign] e', { code: 1 });
  });

  it('writes debug lines with a custom prefix when the level is debug', () => {
    const out = sink();
    createConsoleLogger({ level: 'debug', prefix: '[flags]', destination: out }).debug('loaded');
    expect(out.debug).toHaveBeenCalledWith('[flags] loaded');
  });

  it('writes nothing at level none', () => {
    const out = sink();
    const logger = createConsoleLogger({ level: 'none', destination: out });
    logger.error('x');
    expect(out.error).not.toHaveBeenCalled();
  });
});

describe('filterLogger, isLogger and safeLog', () => {
  it('passes only lines at or above the level', () => {
    const out = sink();
    const logger = filterLogger(out, 'info');
    logger.debug('no');
    logger.info('yes');
    expect(out.debug).not.toHaveBeenCalled();
    expect(out.info).toHaveBeenCalledWith('yes');
  });

  it('accepts console and rejects objects missing a method', () => {
    expect(isLogger(console)).toBe(true);
    expect(isLogger(silentLogger)).toBe(true);
    expect(isLogger({ debug() {}, info() {}, warn() {} })).toBe(false);
    expect(isLogger(null)).toBe(false);
  });

  it('swallows an exception thrown by a user logger', () => {
    const bad = { ...sink(), error: () => { throw new Error('boom'); } };
    expect(() => safeLog(bad, 'error', 'x')).not.toThrow();
  });
});
