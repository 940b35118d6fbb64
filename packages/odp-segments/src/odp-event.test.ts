import { describe, expect, it } from 'vitest';
import { buildIdentifyEvent, normalizeOdpEvent } from './odp-event.js';

const source = { newId: () => 'id-1', dataSourceVersion: '1.0.0' };

describe('buildIdentifyEvent', () => {
  it('builds a fullstack "identified" event with fs_user_id and vuid', () => {
    expect(buildIdentifyEvent({ userId: 'user-42', vuid: 'vuid_abc' }, source)).toEqual({
      type: 'fullstack',
      action: 'identified',
      identifiers: { fs_user_id: 'user-42', vuid: 'vuid_abc' },
      data: { idempotence_id: 'id-1', data_source_type: 'sdk', data_source: 'ensign-node-sdk', data_source_version: '1.0.0' },
    });
  });

  it('sends nothing with a single identifier (a vuid user id counts as the vuid)', () => {
    expect(buildIdentifyEvent({ userId: 'user-42' }, source)).toBeNull();
    expect(buildIdentifyEvent({ userId: 'vuid_abc', vuid: 'vuid_def' }, source)).toBeNull();
  });
});

describe('normalizeOdpEvent', () => {
  it('defaults the type, normalises fs-user-id and keeps the caller data', () => {
    const result = normalizeOdpEvent({ action: 'purchased', identifiers: new Map([['FS-USER-ID', 'u1']]), data: { amount: 3, __proto__x: 'y' } }, source);
    expect(result).toMatchObject({ ok: true, event: { type: 'fullstack', identifiers: { fs_user_id: 'u1' }, data: { amount: 3, idempotence_id: 'id-1' } } });
  });

  it('treats __proto__ as a plain key', () => {
    const data = JSON.parse('{"__proto__": "x"}') as Record<string, unknown>;
    const result = normalizeOdpEvent({ action: 'a', identifiers: { fs_user_id: 'u' }, data }, source);
    expect(result.ok && Object.getPrototypeOf(result.event.data)).toBe(Object.prototype);
    expect(result.ok && JSON.stringify(result.event.data)).toContain('"__proto__":"x"');
  });

  it('rejects an empty action, no identifiers and data that is not a primitive', () => {
    expect(normalizeOdpEvent({ action: '', identifiers: { fs_user_id: 'u' } }, source)).toMatchObject({ ok: false, error: /action/ });
    expect(normalizeOdpEvent({ action: 'a', identifiers: {} }, source)).toMatchObject({ ok: false, error: /identifier/ });
    expect(normalizeOdpEvent({ action: 'a', identifiers: { fs_user_id: 'u' }, data: { nested: {} } }, source)).toMatchObject({ ok: false, error: /nested/ });
  });
});
