// Issue 15, item 3: credentials in a configured URL are refused at construction; network errors are masked.
import { describe, expect, it } from 'vitest';
import type { HttpClient } from '@ensign/common';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { createClient, createHttpDispatcher, describeNetworkError, exampleDatafile } from '../client.js';
import { makeClient } from '../helpers.js';

const batch = { schemaVersion: 1, batchId: 'b-1', events: [] } as never;

describe('URL credentials and secret-looking text', () => {
  it('refuses an eventsUrl with user:password@ at createClient, without echoing the password', () => {
    let thrown: unknown;
    try {
      createClient({ datafile: exampleDatafile, sdkKey: 'sdk-1', eventsUrl: 'https://ensign:hunter2@events.example.com/v1/batch' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect(String((thrown as Error).message)).toMatch(/eventsUrl.*credentials/);
    expect(String((thrown as Error).message)).not.toContain('hunter2');
    expect(() => createClient({ datafile: exampleDatafile, sdkKey: 'sdk-1', eventsUrl: 'https://only-user@events.example.com/' })).toThrow(/credentials/);
  });

  it('refuses credentials in the dispatcher URL too', () => {
    const http = { request: async () => ({ status: 200, headers: {}, body: '' }) } as unknown as HttpClient;
    expect(() => createHttpDispatcher({ http, url: 'https://u:p4ss@events.example.com/', sdkKey: 'k' })).toThrow(/credentials/);
  });

  it('masks secrets in network error messages', () => {
    const error = new TypeError('Request cannot be constructed from a URL that includes credentials: https://ensign:hunter2@events.example.com/v1?token=abcdef');
    const described = describeNetworkError(error);
    expect(described).not.toContain('hunter2');
    expect(described).not.toContain('abcdef');
    const caused = Object.assign(new Error('fetch failed'), { cause: { message: 'bad header authorization: Bearer s3cr3t-value' } });
    expect(describeNetworkError(caused)).not.toContain('s3cr3t-value');
  });

  it('never writes a secret from a failed request into the debug lines of the dispatcher', async () => {
    const logger = createRecordingLogger();
    const http = {
      request: async () => {
        throw new Error('socket hang up talking to https://events.example.com/v1?api_key=0123456789abcdef0123456789abcdef&sig=xyz');
      },
    } as unknown as HttpClient;
    const dispatcher = createHttpDispatcher({ http, url: 'https://events.example.com/v1', sdkKey: 'k', logger });
    const result = await dispatcher.dispatch(batch, { attempt: 1 } as never);
    expect(result.delivered).toBe(false);
    expect(logger.text()).toContain('failed');
    expect(logger.text()).not.toContain('0123456789abcdef');
    expect(logger.text()).not.toContain('sig=xyz');
    expect(String((result as { error?: Error }).error?.message)).not.toContain('0123456789abcdef');
  });

  it('masks secrets in the errors of your own services before they reach a log line', async () => {
    const failure = new Error('connect redis://app:hunter2@cache.internal:6379 failed (auth token 0123456789abcdef0123456789abcdef)');
    const { client, logger } = makeClient({
      userProfileService: { lookup: () => { throw failure; }, save: () => { throw failure; } },
      userProfileServiceAsync: { lookup: async () => { throw failure; }, save: async () => { throw failure; } },
    });
    const user = client.createUserContext('user-1', { country: 'US', plan: 'pro' });
    user.decide('checkout-redesign');
    await user.decideAsync('checkout-redesign');
    expect(logger.text()).toContain('lookup failed');
    expect(logger.text()).not.toContain('hunter2');
    expect(logger.text()).not.toContain('0123456789abcdef');
  });
});
