import { isEnsignError } from '@ensign/common';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, exampleDatafile } from './client.js';
import { linesAt, makeClient } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

describe('createClient', () => {
  it('throws EnsignError INVALID_OPTIONS for a programmer error, and nothing else', () => {
    let caught: unknown;
    try {
      createClient({ datafile: exampleDatafile, eventBatchSize: -1 });
    } catch (error) {
      caught = error;
    }
    expect(isEnsignError(caught, 'INVALID_OPTIONS')).toBe(true);
    expect(() => createClient({ datafile: 'not json', logger: createRecordingLogger() })).not.toThrow();
  });

  it('is ready at once with a good static datafile, with revision, source and age in its status', async () => {
    const { client, scheduler } = makeClient();
    expect(client.initialized()).toBe(true);
    await expect(client.onReady()).resolves.toEqual({ success: true });
    await expect(client.waitForInitialization({ timeout: 1 })).resolves.toEqual({ success: true });
    await expect(client.start()).resolves.toEqual({ success: true });
    scheduler.advance(1_500);
    expect(client.getStatus()).toMatchObject({ ready: true, closed: false, revision: '42', source: 'static', ageMs: 1_500, updates: 1, lastError: null });
  });

  it('stays not ready with an unreadable static datafile: onReady says why and one error names the JSON path', async () => {
    const { client, logger } = makeClient({ datafile: { ...exampleDatafile, flags: { key: 'x' } } });
    const ready = await client.onReady({ timeout: 1_000 });
    expect(ready.success).toBe(false);
    expect(ready.reason).toContain('flags');
    const errors = linesAt(logger, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('flags');
    expect(client.getStatus()).toMatchObject({ ready: false, revision: null, lastError: { path: expect.stringContaining('flags') } });
  });

  it('is ready with a datafile holding one broken flag: the flag is quarantined, logged once, listed in the status', async () => {
    const { client, logger } = makeClient({ datafile: { ...exampleDatafile, flags: [...exampleDatafile.flags, { key: 'x' }] } });
    expect((await client.onReady({ timeout: 1_000 })).success).toBe(true);
    const warnings = linesAt(logger, 'warn').filter((l) => l.includes('quarantined'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`flags[${exampleDatafile.flags.length}]`);
    expect(client.getStatus().quarantined).toEqual([expect.objectContaining({ kind: 'flag', key: 'x', path: expect.stringContaining(`flags[${exampleDatafile.flags.length}]`) })]);
    expect(client.variationDetail('x', { kind: 'user', key: 'u' }, 'd').reason).toEqual({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' });
  });

  it('reports invalid JSON text as one error too', async () => {
    const { client, logger } = makeClient({ datafile: '{"schemaVersion": 1,' });
    expect((await client.onReady()).success).toBe(false);
    expect(linesAt(logger, 'error')).toHaveLength(1);
  });
});

describe('readiness timeouts', () => {
  it('resolves onReady { success: false } after its timeout in ms, and start likewise', async () => {
    const { client, scheduler } = makeClient({ datafilePath: '/nonexistent-dir-for-ensign-tests/never.json', watchDatafile: false });
    // The missing file is reported asynchronously; the timeout of a wait started first still applies.
    const pending = client.onReady({ timeout: 250 });
    scheduler.advance(250);
    const result = await pending;
    expect(result.success).toBe(false);
    expect(result.reason === 'not ready after 250 ms' || result.reason?.includes('cannot read')).toBe(true);
  });

  it('takes waitForInitialization\'s timeout in seconds, as LaunchDarkly does', async () => {
    const { client, scheduler } = makeClient({ datafile: '{}' });
    // Not ready and already failed: answered at once, whatever the timeout.
    await expect(client.waitForInitialization({ timeout: 5 })).resolves.toMatchObject({ success: false });
    const never = makeClient({ datafilePath: '/nonexistent-dir-for-ensign-tests/x.json', watchDatafile: false });
    let settled = false;
    const pending = never.client.waitForInitialization({ timeout: 2 }).then((r) => {
      settled = true;
      return r;
    });
    never.scheduler.advance(1_999);
    await Promise.resolve();
    expect(settled).toBe(false);
    never.scheduler.advance(1);
    expect((await pending).success).toBe(false);
    expect(scheduler.pending()).toBe(1); // only the event pipeline's flush timer
  });

  it('never rejects, even with a nonsensical timeout', async () => {
    const { client } = makeClient();
    await expect(client.onReady({ timeout: -5 })).resolves.toEqual({ success: true });
    await expect(client.onReady('soon' as never)).resolves.toEqual({ success: true });
  });
});

describe('logging rules', () => {
  it('logs to the console at warn by default: no debug or info lines', () => {
    const spies = (['debug', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
    const client = createClient({ datafile: exampleDatafile, sdkKey: 'sdk-live-abcdef123456' });
    client.variation('dark-mode', { kind: 'user' }, false);
    expect(spies.map((s) => s.mock.calls.length)).toEqual([0, 0, 1, 0]);
    void client.close();
  });

  it('lowers the console logger to debug with debug: true', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const client = createClient({ datafile: exampleDatafile, debug: true });
    expect(debug.mock.calls.length).toBeGreaterThan(0);
    void client.close();
  });

  it('uses a custom logger as given and ignores debug: true', () => {
    const logger = createRecordingLogger();
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const client = createClient({ datafile: exampleDatafile, logger, debug: true });
    client.variation('dark-mode', null, false);
    expect(debug).not.toHaveBeenCalled();
    expect(logger.lines.length).toBeGreaterThan(0);
    void client.close();
  });

  it('never writes the SDK key, whatever goes wrong', async () => {
    const sdkKey = 'sdk-live-0123456789abcdef';
    const { client, logger } = makeClient({ sdkKey, debug: true, datafile: { ...exampleDatafile, revision: sdkKey, flags: [{ key: sdkKey }] } as never });
    client.variation(sdkKey, { kind: 'user', key: sdkKey }, false);
    client.createUserContext(sdkKey).trackEvent(sdkKey);
    client.createUserContext(sdkKey).decide(sdkKey);
    client.evaluate({ user_id: sdkKey, [sdkKey]: 1 } as never);
    await client.close();
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.text()).not.toContain(sdkKey);
  });
});

describe('close', () => {
  it('cancels every timer it started', async () => {
    const { client, scheduler } = makeClient({ datafilePath: '/nonexistent-dir-for-ensign-tests/z.json', watchDatafile: false });
    void client.onReady({ timeout: 60_000 });
    expect(scheduler.pending()).toBeGreaterThanOrEqual(2);
    await client.close();
    expect(scheduler.pending()).toBe(0);
  });

  it('is idempotent, marks the status closed and keeps answering from the last datafile without events', async () => {
    const { client, dispatcher } = makeClient();
    const first = client.close();
    expect(client.close()).toBe(first);
    await first;
    expect(client.getStatus().closed).toBe(true);
    expect(client.variation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
    client.track('purchase', { kind: 'user', key: 'u' });
    await client.flush();
    expect(dispatcher.delivered()).toEqual([]);
  });

  it('resolves a pending onReady with "client closed"', async () => {
    const { client } = makeClient({ datafilePath: '/nonexistent-dir-for-ensign-tests/y.json', watchDatafile: false });
    const pending = client.onReady({ timeout: 60_000 });
    await client.close();
    const result = await pending;
    expect(result.success).toBe(false);
  });
});
