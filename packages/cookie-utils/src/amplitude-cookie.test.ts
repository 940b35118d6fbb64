import fc from 'fast-check';
import { isEnsignError } from '@ensign/common';
import { describe, expect, it } from 'vitest';
import { cookieName, generateCookie, parseCookie } from './amplitude-cookie.js';

// Published test values of Amplitude's server SDKs: amplitude/experiment-node-server
// packages/node/test/cookie.test.ts and amplitude/experiment-python-server tests/cookie_test.py (both MIT), the SDKs
// of Amplitude's "Access Amplitude cookies" docs section (seed 001); summarised in the shared vendor-formats notes §3.6.
const AMPLITUDE = {
  legacyUser: 'deviceId.dGVzdEBhbXBsaXR1ZGUuY29t..1f1gkeib1.1f1gkeib1.dv.1ir.20q',
  legacyUnicodeUser: 'deviceId.Y8O3Pg==..1f1gkeib1.1f1gkeib1.dv.1ir.20q',
  legacyDeviceOnly: 'deviceId...1f1gkeib1.1f1gkeib1.dv.1ir.20q',
  newDeviceOnly: 'JTdCJTIyZGV2aWNlSWQlMjIlM0ElMjJkZXZpY2VJZCUyMiU3RA==',
  // experiment-python-server's generate('someDeviceId', True): json.dumps puts a space after the colon.
  pythonNewDeviceOnly: 'JTdCJTIyZGV2aWNlSWQlMjIlM0ElMjAlMjJzb21lRGV2aWNlSWQlMjIlN0Q=',
  pythonNewUserAndDevice:
    'JTdCJTIyZGV2aWNlSWQlMjIlM0ElMjJzb21lRGV2aWNlSWQlMjIlMkMlMjJ1c2VySWQlMjIlM0ElMjJleGFtcGxlJTQwYW1wbGl0dWRlLmNvbSUyMiU3RA==',
  pythonNewUnicodeUser: 'JTdCJTIyZGV2aWNlSWQlMjIlM0ElMjJzb21lRGV2aWNlSWQlMjIlMkMlMjJ1c2VySWQlMjIlM0ElMjJjJUMzJUI3JTNFJTIyJTdE',
  newUserAndDevice:
    'JTdCJTIydXNlcklkJTIyJTNBJTIydGVzdCU0MGFtcGxpdHVkZS5jb20lMjIlMkMlMjJkZXZpY2VJZCUyMiUzQSUyMmRldmljZUlkJTIyJTdE',
};

describe("Amplitude's published cookie values", () => {
  it('names the legacy cookie amp_ plus 6 characters and the new one AMP_ plus 10', () => {
    expect(cookieName('1234567')).toBe('amp_123456');
    expect(cookieName('1234567890', { newFormat: true })).toBe('AMP_1234567890');
  });

  it('reads device and user from the legacy cookie, the user id as base64 of UTF-8', () => {
    expect(parseCookie(AMPLITUDE.legacyUser)).toEqual({ deviceId: 'deviceId', userId: 'test@amplitude.com' });
    expect(parseCookie(AMPLITUDE.legacyUnicodeUser)).toEqual({ deviceId: 'deviceId', userId: 'c÷>' });
    expect(parseCookie(AMPLITUDE.legacyDeviceOnly)).toEqual({ deviceId: 'deviceId' });
  });

  it('reads device and user from the new cookie', () => {
    expect(parseCookie(AMPLITUDE.newUserAndDevice, { newFormat: true })).toEqual({ deviceId: 'deviceId', userId: 'test@amplitude.com' });
    expect(parseCookie(AMPLITUDE.newDeviceOnly, { newFormat: true })).toEqual({ deviceId: 'deviceId' });
    expect(parseCookie(AMPLITUDE.pythonNewDeviceOnly, { newFormat: true })).toEqual({ deviceId: 'someDeviceId' });
    expect(parseCookie(AMPLITUDE.pythonNewUserAndDevice, { newFormat: true })).toEqual({ deviceId: 'someDeviceId', userId: 'example@amplitude.com' });
    expect(parseCookie(AMPLITUDE.pythonNewUnicodeUser, { newFormat: true })).toEqual({ deviceId: 'someDeviceId', userId: 'c÷>' });
  });

  it('generates the new-format cookie byte for byte, and the legacy one as the device id and ten dots', () => {
    expect(generateCookie('deviceId', { newFormat: true })).toBe(AMPLITUDE.newDeviceOnly);
    expect(generateCookie('deviceId')).toBe('deviceId..........');
  });
});

describe('cookieName', () => {
  it('rejects a key too short for its format with a clear INVALID_ARGUMENT error', () => {
    expect(() => cookieName('')).toThrow(/at least 6 characters/);
    expect(() => cookieName('12345')).toThrow(/got 5 character/);
    expect(() => cookieName('123456789', { newFormat: true })).toThrow(/at least 10 characters for the new cookie format/);
    expect(() => cookieName(undefined as unknown as string)).toThrow(/got undefined/);
    let thrown: unknown = null;
    try {
      cookieName('abc');
    } catch (e) {
      thrown = e;
    }
    expect(isEnsignError(thrown, 'INVALID_ARGUMENT')).toBe(true);
    expect(cookieName('123456')).toBe('amp_123456');
  });
});

describe('parseCookie on bad values', () => {
  it('gives {} for values that are not strings or cannot be read, never throwing', () => {
    for (const bad of [undefined, null, 42, {}, [], '', 'invalidcookie', '%%%', 'e30', '"', 'W10=']) {
      expect(parseCookie(bad, { newFormat: true })).toEqual({});
    }
    for (const bad of [undefined, null, 42, {}, '']) expect(parseCookie(bad)).toEqual({});
  });

  it('leaves out a legacy user id that is not base64, keeping the device id', () => {
    expect(parseCookie('dev-1.not*base64..x')).toEqual({ deviceId: 'dev-1' });
    expect(parseCookie('.dGVzdA==')).toEqual({ userId: 'test' });
  });

  it('keeps only string ids from the new format and ignores __proto__', () => {
    const encode = (json: string) => btoa(encodeURIComponent(json));
    expect(parseCookie(encode('{"deviceId":7,"userId":"u"}'), { newFormat: true })).toEqual({ userId: 'u' });
    const polluted = parseCookie(encode('{"__proto__":{"deviceId":"evil"},"userId":"u"}'), { newFormat: true });
    expect(polluted).toEqual({ userId: 'u' });
    expect(({} as Record<string, unknown>)['deviceId']).toBeUndefined();
  });
});

describe('parseCookie on encoded variants of the new format', () => {
  const session = { deviceId: 'device-9', userId: 'ana@example.com', sessionId: 1733390000000, optOut: false };

  it('accepts the double-encoded form Rails 7 writes', () => {
    const doubleEncoded = btoa(encodeURIComponent(encodeURIComponent(JSON.stringify(session))));
    expect(parseCookie(doubleEncoded, { newFormat: true })).toEqual({ deviceId: 'device-9', userId: 'ana@example.com' });
  });

  it('accepts a cookie value that was itself URL-encoded, and unpadded base64', () => {
    const plain = btoa(encodeURIComponent(JSON.stringify(session)));
    expect(parseCookie(encodeURIComponent(plain), { newFormat: true })).toEqual({ deviceId: 'device-9', userId: 'ana@example.com' });
    expect(parseCookie(encodeURIComponent(AMPLITUDE.newDeviceOnly), { newFormat: true })).toEqual({ deviceId: 'deviceId' });
    expect(parseCookie(AMPLITUDE.newDeviceOnly.replace(/=+$/, ''), { newFormat: true })).toEqual({ deviceId: 'deviceId' });
  });
});

describe('generateCookie', () => {
  it('round-trips any device id through parseCookie in both formats', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'grapheme' }), (deviceId) => {
        expect(parseCookie(generateCookie(deviceId, { newFormat: true }), { newFormat: true })).toEqual({ deviceId });
        if (!deviceId.includes('.')) expect(parseCookie(generateCookie(deviceId))).toEqual({ deviceId });
      }),
    );
  });

  it('rejects an empty device id, and a dot in the legacy format', () => {
    expect(() => generateCookie('')).toThrow(/non-empty string/);
    expect(() => generateCookie('a.b')).toThrow(/may not contain "."/);
    expect(generateCookie('a.b', { newFormat: true })).toBe(btoa(encodeURIComponent('{"deviceId":"a.b"}')));
  });
});
