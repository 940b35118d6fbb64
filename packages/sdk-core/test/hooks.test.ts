import { describe, expect, it } from 'vitest';
import type { DecisionEvent, ErrorEvent, UpdateEvent } from './client.js';
import { linesAt, makeClient } from './helpers.js';

describe('hooks', () => {
  it('emits a decision for each face, with the revision and a redacted context', () => {
    const { client } = makeClient({ privateAttributes: ['email'] });
    const seen: DecisionEvent[] = [];
    client.on('decision', (e) => seen.push(e));
    client.createUserContext('user-1', { country: 'US', email: 'a@b.test' }).decide('checkout-redesign');
    client.variation('dark-mode', { kind: 'user', key: 'user-beta-1', email: 'beta@b.test' }, false);
    client.evaluate({ user_id: 'user-2', device_id: 'd-2' }, ['pricing-page']);
    expect(seen.map((e) => [e.face, e.flagKey, e.result.revision])).toEqual([
      ['optimizely', 'checkout-redesign', '42'],
      ['launchdarkly', 'dark-mode', '42'],
      ['amplitude', 'pricing-page', '42'],
    ]);
    expect(seen[0]?.context).toEqual({ kind: 'user', key: 'user-1', country: 'US', _meta: { redactedAttributes: ['email'] } });
    expect(JSON.stringify(seen)).not.toContain('@b.test');
  });

  it('emits errors of evaluation too (a bad context, with no context)', () => {
    const { client } = makeClient();
    const seen: DecisionEvent[] = [];
    client.on('decision', (e) => seen.push(e));
    client.variation('dark-mode', 'not a context', false);
    client.createUserContext(42 as never).decide('dark-mode');
    expect(seen.map((e) => [e.face, e.context, e.result.reason])).toEqual([
      ['launchdarkly', null, { kind: 'ERROR', errorKind: 'USER_NOT_SPECIFIED' }],
      ['optimizely', null, { kind: 'ERROR', errorKind: 'USER_NOT_SPECIFIED' }],
    ]);
  });

  it('stops after unsubscribe', () => {
    const { client } = makeClient();
    let count = 0;
    const off = client.on('decision', () => count++);
    client.variation('dark-mode', { kind: 'user', key: 'u' }, false);
    off();
    client.variation('dark-mode', { kind: 'user', key: 'u' }, false);
    expect(count).toBe(1);
  });

  it('catches a listener that throws: the call still answers, the failure is logged and emitted as error', () => {
    const { client, logger } = makeClient();
    const errors: ErrorEvent[] = [];
    client.on('error', (e) => errors.push(e));
    client.on('error', () => {
      throw new Error('error listener bug');
    });
    client.on('decision', () => {
      throw new Error('listener bug');
    });
    expect(client.variation('dark-mode', { kind: 'user', key: 'user-beta-1' }, false)).toBe(true);
    expect(errors.map((e) => e.source)).toEqual(['listener']);
    expect(errors[0]?.message).toContain('listener bug');
    expect(linesAt(logger, 'error').some((l) => l.includes('listener bug'))).toBe(true);
    expect(linesAt(logger, 'error').some((l) => l.includes('error listener bug'))).toBe(true);
  });

  it('returns a no-op unsubscribe for an unknown hook, and a rejected datafile emits no update', () => {
    const { client } = makeClient({ datafile: '{"schemaVersion": 2}' });
    const off = client.on('nope' as 'update', () => {});
    expect(() => off()).not.toThrow();
    const updates: UpdateEvent[] = [];
    client.on('update', (e) => updates.push(e));
    expect(updates).toEqual([]);
    expect(client.getStatus().lastError?.message).toBeTruthy();
  });
});
