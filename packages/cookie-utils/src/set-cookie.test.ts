import { isEnsignError } from '@ensign/common';
import { describe, expect, it } from 'vitest';
import {
  DEVICE_ID_COOKIE_NAME,
  deviceIdCookieAttributes,
  expireCookie,
  MAX_COOKIE_AGE_SECONDS,
  parseCookieHeader,
  serializeSetCookie,
} from './set-cookie.js';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

describe('serializeSetCookie', () => {
  it('writes every attribute in the order browsers document', () => {
    expect(
      serializeSetCookie('sid', 'abc.DEF-_', {
        maxAge: 3600,
        expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)),
        domain: '.shop.example',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
        partitioned: true,
      }),
    ).toBe('sid=abc.DEF-_; Max-Age=3600; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Domain=.shop.example; Path=/; Secure; HttpOnly; SameSite=None; Partitioned');
    expect(serializeSetCookie('a', '1')).toBe('a=1');
    expect(serializeSetCookie('a', '"quoted"', { secure: false, httpOnly: false })).toBe('a="quoted"');
  });

  it('floors Max-Age and caps it at 400 days', () => {
    expect(serializeSetCookie('a', '1', { maxAge: 10.9 })).toBe('a=1; Max-Age=10');
    expect(serializeSetCookie('a', '1', { maxAge: 10 * MAX_COOKIE_AGE_SECONDS })).toBe(`a=1; Max-Age=${MAX_COOKIE_AGE_SECONDS}`);
  });

  it('refuses what would break the header or be dropped by browsers, with INVALID_ARGUMENT', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => serializeSetCookie('bad name', '1'), /not an HTTP token/],
      [() => serializeSetCookie('a', 'x; Domain=evil.example'), /encode it first/],
      [() => serializeSetCookie('a', 'with space'), /encode it first/],
      [() => serializeSetCookie('a', '1', { maxAge: -1 }), /maxAge/],
      [() => serializeSetCookie('a', '1', { maxAge: Number.NaN }), /maxAge/],
      [() => serializeSetCookie('a', '1', { expires: new Date('nope') }), /valid Date/],
      [() => serializeSetCookie('a', '1', { domain: 'evil.example; Secure' }), /not a host name/],
      [() => serializeSetCookie('a', '1', { path: '/;x' }), /path/],
      [() => serializeSetCookie('a', '1', { sameSite: 'None' }), /requires Secure/],
      [() => serializeSetCookie('a', '1', { sameSite: 'lax' as 'Lax' }), /"Strict", "Lax" or "None"/],
      [() => serializeSetCookie('a', '1', { partitioned: true }), /Partitioned requires Secure/],
    ];
    for (const [fn, message] of cases) {
      const e = errorOf(fn);
      expect(isEnsignError(e, 'INVALID_ARGUMENT')).toBe(true);
      expect((e as Error).message).toMatch(message);
    }
  });
});

describe('device-id cookie attributes and expiry', () => {
  it('recommends a site-wide, script-proof, SameSite=Lax, secure cookie for a year', () => {
    expect(serializeSetCookie(DEVICE_ID_COOKIE_NAME, 'id.sig', deviceIdCookieAttributes())).toBe(
      'ensign_device_id=id.sig; Max-Age=31536000; Path=/; Secure; HttpOnly; SameSite=Lax',
    );
    expect(deviceIdCookieAttributes({ secure: false, domain: 'shop.example' })).toMatchObject({ secure: false, domain: 'shop.example', sameSite: 'Lax' });
  });

  it('expires a cookie with Max-Age=0 and a date in the past', () => {
    expect(expireCookie('shop_user', { path: '/' })).toBe('shop_user=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/');
  });
});

describe('parseCookieHeader', () => {
  it('reads pairs, keeps the first of a repeated name and unquotes values', () => {
    const cookies = parseCookieHeader(' a=1; ensign_device_id=abc.sig ; a=2; q="x y"; noequals; =v; b=c=d');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['ensign_device_id', 'abc.sig'],
      ['q', 'x y'],
      ['b', 'c=d'],
    ]);
  });

  it('treats __proto__ as an ordinary name and never throws', () => {
    const cookies = parseCookieHeader('__proto__=x; constructor=y');
    expect(cookies.get('__proto__')).toBe('x');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    for (const bad of [undefined, null, 7, {}, ['a=1']]) expect(parseCookieHeader(bad).size).toBe(0);
  });
});
