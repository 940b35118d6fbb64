import { describe, expect, it } from 'vitest';
import { isEnsignError } from '@ensign/common';
import { resolveOptions } from './options.js';
import { DEFAULT_SERVER_ZONES, REMOTE_FETCH_DEFAULTS } from './server-options.js';

const message = (options: object): string => {
  try {
    resolveOptions(options);
  } catch (error) {
    if (isEnsignError(error)) return error.message;
    throw error;
  }
  throw new Error('no error');
};

describe('network options', () => {
  it('reads serverUrl without its trailing slash, with the defaults of polling and fetch, and events to the server', () => {
    const o = resolveOptions({ sdkKey: 'k', serverUrl: 'http://127.0.0.1:8080/flags/' });
    expect(o.server).toEqual({ baseUrl: 'http://127.0.0.1:8080/flags', pollingIntervalMs: 30_000, streaming: false, bootstrap: undefined, publicKeys: null, datafileEncoding: 'compact' });
    expect(o.eventsUrl).toBe('http://127.0.0.1:8080/flags/v1/events/bulk');
    expect(o.remoteFetch).toEqual({ timeoutMs: 10_000, retries: 8, backoffMinMs: 500, backoffMaxMs: 10_000, backoffScalar: 1.5, retryTimeoutMs: 10_000 });
    expect(REMOTE_FETCH_DEFAULTS.fetchRetries).toBe(8);
  });

  it('chooses the base URL of serverZone from the defaults or from serverZones, and keeps an explicit eventsUrl', () => {
    expect(resolveOptions({ sdkKey: 'k', serverZone: 'eu' }).server?.baseUrl).toBe(DEFAULT_SERVER_ZONES.eu);
    const o = resolveOptions({ sdkKey: 'k', serverZone: 'us', serverZones: { us: 'https://flags.internal/' }, eventsUrl: 'https://events.internal/bulk' });
    expect(o.server?.baseUrl).toBe('https://flags.internal');
    expect(o.eventsUrl).toBe('https://events.internal/bulk');
  });

  it('asks for the compact datafile encoding unless datafileEncoding says plain', () => {
    expect(resolveOptions({ sdkKey: 'k', serverUrl: 'http://s' }).server?.datafileEncoding).toBe('compact');
    expect(resolveOptions({ sdkKey: 'k', serverUrl: 'http://s', datafileEncoding: 'plain' }).server?.datafileEncoding).toBe('plain');
    expect(resolveOptions({ sdkKey: 'k', serverUrl: 'http://s', datafileEncoding: 'compact' }).server?.datafileEncoding).toBe('compact');
  });

  it('takes a server beside a local datafile (for fetchV2 and events only)', () => {
    const o = resolveOptions({ sdkKey: 'k', serverUrl: 'http://s', datafile: '{}' });
    expect(o.datafile).toBe('{}');
    expect(o.server?.baseUrl).toBe('http://s');
  });

  it.each([
    [{ serverUrl: 'http://s' }, 'serverUrl and serverZone need sdkKey'],
    [{ sdkKey: 'k', serverUrl: 'ftp://s' }, 'serverUrl must be an http(s) URL'],
    [{ sdkKey: 'k', serverUrl: 'http://s?x=1' }, 'serverUrl must be an http(s) URL without query'],
    [{ sdkKey: 'k', serverZone: 'mars' }, 'serverZone must be one of "us", "eu"'],
    [{ sdkKey: 'k', serverUrl: 'http://s', flagConfigPollingIntervalMillis: 999 }, 'flagConfigPollingIntervalMillis must be an integer of at least 1000'],
    [{ sdkKey: 'k', serverUrl: 'http://s', streaming: 'yes' }, 'streaming must be a boolean'],
    [{ datafile: '{}', streaming: true }, 'streaming needs serverUrl or serverZone'],
    [{ datafile: '{}', bootstrap: '{}' }, 'bootstrap needs serverUrl or serverZone'],
    [{ sdkKey: 'k', serverUrl: 'http://s', datafile: '{}', bootstrap: '{}' }, 'bootstrap is the first datafile of the server source'],
    [{ sdkKey: 'k', serverUrl: 'http://s', datafilePublicKeys: { k1: 'not a key' } }, 'datafilePublicKeys.k1 must be a PEM public key'],
    [{ sdkKey: 'k', serverUrl: 'http://s', datafileEncoding: 'gzip' }, 'datafileEncoding must be "compact" or "plain"'],
    [{ sdkKey: 'k', serverUrl: 'http://s', fetchRetries: -1 }, 'fetchRetries must be an integer of at least 0'],
    [{ sdkKey: 'k', serverUrl: 'http://s', fetchRetryBackoffScalar: 0.5 }, 'fetchRetryBackoffScalar must be a number of at least 1'],
    [{ sdkKey: 'k' }, 'pass a datafile source'],
  ])('refuses %j', (options, expected) => {
    expect(message(options)).toContain(expected);
  });
});
