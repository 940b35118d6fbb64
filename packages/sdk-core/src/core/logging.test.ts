import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClientLogger } from './logging.js';

afterEach(() => vi.restoreAllMocks());

describe('createClientLogger', () => {
  it('writes warn and error but not debug or info to the console by default', () => {
    const spies = (['debug', 'info', 'warn', 'error'] as const).map((l) => vi.spyOn(console, l).mockImplementation(() => {}));
    const logger = createClientLogger({ debug: false, secrets: [] });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 1, 1]);
  });

  it('writes debug lines to the console with debug: true', () => {
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
    createClientLogger({ debug: true, secrets: [] }).debug('datafile loaded');
    expect(spy).toHaveBeenCalledWith('[ensign] datafile loaded');
  });

  it('uses a custom logger as given and ignores debug', () => {
    const custom = createRecordingLogger();
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const logger = createClientLogger({ logger: custom, debug: true, secrets: [] });
    logger.debug('to the custom logger');
    expect(logger).toBe(custom);
    expect(custom.lines).toEqual([{ level: 'debug', message: 'to the custom logger', args: [] }]);
    expect(spy).not.toHaveBeenCalled();
  });

  it('masks every secret in messages, string arguments and error messages', () => {
    const custom = createRecordingLogger();
    const logger = createClientLogger({ logger: custom, debug: false, secrets: ['sdk-secret-0123456789', undefined, 'amp-key-abcdefgh1234'] });
    logger.error('rejected sdk-secret-0123456789 twice: sdk-secret-0123456789', 'amp-key-abcdefgh1234', new Error('bad key sdk-secret-0123456789'), 7);
    const text = custom.text();
    expect(text).not.toContain('sdk-secret-0123456789');
    expect(text).not.toContain('amp-key-abcdefgh1234');
    expect(text).toContain('rejected ****6789 twice: ****6789');
    expect(custom.lines[0]?.args[1]).toBeInstanceOf(Error);
    expect(custom.lines[0]?.args[2]).toBe(7);
  });

  it('calls the custom logger as a method, so loggers that use `this` keep working', () => {
    const written: string[] = [];
    const pinoLike = {
      prefix: 'app',
      debug(this: { prefix: string }, m: string) { written.push(`${this.prefix}:${m}`); },
      info(this: { prefix: string }, m: string) { written.push(`${this.prefix}:${m}`); },
      warn(this: { prefix: string }, m: string) { written.push(`${this.prefix}:${m}`); },
      error(this: { prefix: string }, m: string) { written.push(`${this.prefix}:${m}`); },
    };
    createClientLogger({ logger: pinoLike, debug: false, secrets: ['k-123456789'] }).warn('hello');
    expect(written).toEqual(['app:hello']);
  });
});
