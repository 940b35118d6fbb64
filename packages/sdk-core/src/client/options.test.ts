import { isEnsignError } from '@ensign/common';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';

const base = { datafile: '{}' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isEnsignError(error) ? `${error.code}: ${error.message}` : `not an EnsignError: ${String(error)}`;
  }
  return undefined;
}

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const o = resolveOptions(base);
    expect(o).toMatchObject({
      watchDatafile: true,
      datafileDebounceMs: 100,
      debug: false,
      defaultDecideOptions: [],
      privateAttributes: [],
      allAttributesPrivate: false,
      events: true,
      eventRequestTimeoutMs: 10_000,
      contextKeysCapacity: 1_000,
      contextKeysFlushInterval: 300,
    });
    expect(o.logger).toBeUndefined();
    expect(o.eventsUrl).toBeUndefined();
  });

  it.each([
    ['a non-object', 'nope', 'options must be an object'],
    ['no datafile source', {}, 'pass a datafile source'],
    ['two datafile sources', { datafile: '{}', datafilePath: './x.json' }, 'pass one datafile source'],
    ['an unknown option', { ...base, sdkkey: 'x' }, 'unknown option "sdkkey"'],
    ['a datafile that is a number', { datafile: 42 }, 'datafile must be'],
    ['a logger without error()', { ...base, logger: { debug() {}, info() {}, warn() {} } }, 'logger must be'],
    ['an unknown default decide option', { ...base, defaultDecideOptions: ['INCLUDE_REASON'] }, 'unknown decide option "INCLUDE_REASON"'],
    ['a user profile service without save()', { ...base, userProfileService: { lookup: () => null } }, 'userProfileService must be'],
    ['an events URL that is not http(s)', { ...base, sdkKey: 'k', eventsUrl: 'ftp://x' }, 'eventsUrl must be an http(s) URL'],
    ['an events URL without an SDK key', { ...base, eventsUrl: 'https://events.example.com' }, 'eventsUrl needs sdkKey'],
    ['a zero batch size', { ...base, eventBatchSize: 0 }, 'eventBatchSize must be'],
    ['a flush interval under 100 ms', { ...base, eventFlushIntervalMs: 50 }, 'eventFlushIntervalMs must be'],
    ['a private attribute that is empty', { ...base, privateAttributes: [''] }, 'privateAttributes must hold'],
    ['a debug flag that is a string', { ...base, debug: 'yes' }, 'debug must be a boolean'],
    ['an assignment cache of 0', { ...base, assignmentConfig: { cacheCapacity: 0 } }, 'cacheCapacity must be'],
    ['a shared dedup without claimKeys()', { ...base, sharedDedup: { seen: () => false } }, 'sharedDedup must be an object with a claimKeys function'],
  ])('throws INVALID_OPTIONS for %s', (_what, input, message) => {
    const result = codeOf(() => resolveOptions(input));
    expect(result).toMatch(/^INVALID_OPTIONS: /);
    expect(result).toContain(message);
  });

  it('accepts events: false with an events URL and no SDK key', () => {
    expect(resolveOptions({ ...base, events: false, eventsUrl: 'https://events.example.com' }).events).toBe(false);
  });
});
