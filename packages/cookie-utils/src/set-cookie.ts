// Set-Cookie serialisation (RFC 6265 §4.1 syntax, with the attributes browsers enforce today) and Cookie header
// parsing that never throws.
import { EnsignError } from '@ensign/common';

/** The `SameSite` attribute. `None` requires `Secure`, as browsers do. */
export type SameSite = 'Strict' | 'Lax' | 'None';

/** Attributes of a `Set-Cookie` header. Absent attributes are left out. */
export interface CookieAttributes {
  /** `SameSite`: `Lax` keeps the cookie on top-level navigations from other sites, `Strict` never sends it cross-site. */
  sameSite?: SameSite;
  /** `Secure`: sent over HTTPS only. */
  secure?: boolean;
  /** `HttpOnly`: not readable by page scripts. */
  httpOnly?: boolean;
  /** `Domain`: shared with subdomains of this domain (a leading dot is accepted and ignored by browsers). */
  domain?: string;
  /** `Path`. */
  path?: string;
  /** `Max-Age` in seconds (a whole number ≥ 0; 0 deletes the cookie). Browsers cap it at 400 days. */
  maxAge?: number;
  /** `Expires`, for old clients; `Max-Age` wins where both are understood. */
  expires?: Date;
  /** `Partitioned` (CHIPS): requires `Secure`. */
  partitioned?: boolean;
}

/** 400 days in seconds: the longest `Max-Age` browsers keep (RFC 6265bis). */
export const MAX_COOKIE_AGE_SECONDS = 400 * 24 * 60 * 60;

/** The default name of the signed device-id cookie. */
export const DEVICE_ID_COOKIE_NAME = 'ensign_device_id';

// RFC 6265: a cookie name is an HTTP token; a value is cookie-octets, optionally in double quotes.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_VALUE = /^(?:[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*|"[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*")$/;
const DOMAIN = /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PATH = /^[\x20-\x3A\x3C-\x7E]*$/;

/**
 * Builds the value of a `Set-Cookie` header.
 *
 * @param name - the cookie name (an HTTP token).
 * @param value - the cookie value, already encoded (cookie-octets: no space, `"`, `,`, `;` or `\`); encode other
 *   text with `encodeURIComponent` first.
 * @param attributes - the attributes; default none.
 * @returns e.g. `ensign_device_id=abc.sig; Max-Age=34560000; Path=/; HttpOnly; SameSite=Lax`.
 * @throws EnsignError `INVALID_ARGUMENT` for a name, value, domain or path that would break the header, a `Max-Age`
 *   that is not a finite number ≥ 0, an invalid date, `SameSite=None` or `Partitioned` without `Secure`, or an
 *   unknown `SameSite`: programmer errors, caught at the first request.
 * @example
 * serializeSetCookie('ensign_device_id', signed, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 * 60 * 24 * 365 });
 */
export function serializeSetCookie(name: string, value: string, attributes: CookieAttributes = {}): string {
  if (typeof name !== 'string' || !TOKEN.test(name)) invalid(`cookie name ${JSON.stringify(String(name).slice(0, 64))} is not an HTTP token`);
  if (typeof value !== 'string' || !COOKIE_VALUE.test(value)) invalid(`the value of cookie "${name}" has characters a cookie may not hold; encode it first`);
  const parts = [`${name}=${value}`];
  const a = attributes ?? {};
  if (a.maxAge !== undefined) {
    if (typeof a.maxAge !== 'number' || !Number.isFinite(a.maxAge) || a.maxAge < 0) invalid('maxAge must be a finite number of seconds ≥ 0');
    parts.push(`Max-Age=${Math.min(Math.floor(a.maxAge), MAX_COOKIE_AGE_SECONDS)}`);
  }
  if (a.expires !== undefined) {
    if (!(a.expires instanceof Date) || Number.isNaN(a.expires.getTime())) invalid('expires must be a valid Date');
    parts.push(`Expires=${a.expires.toUTCString()}`);
  }
  if (a.domain !== undefined) {
    if (typeof a.domain !== 'string' || !DOMAIN.test(a.domain)) invalid(`domain ${JSON.stringify(String(a.domain).slice(0, 64))} is not a host name`);
    parts.push(`Domain=${a.domain}`);
  }
  if (a.path !== undefined) {
    if (typeof a.path !== 'string' || !PATH.test(a.path)) invalid('path may not hold ";" or control characters');
    parts.push(`Path=${a.path}`);
  }
  if (a.secure === true) parts.push('Secure');
  if (a.httpOnly === true) parts.push('HttpOnly');
  if (a.sameSite !== undefined) {
    if (a.sameSite !== 'Strict' && a.sameSite !== 'Lax' && a.sameSite !== 'None') invalid('sameSite must be "Strict", "Lax" or "None"');
    if (a.sameSite === 'None' && a.secure !== true) invalid('SameSite=None requires Secure (browsers drop the cookie otherwise)');
    parts.push(`SameSite=${a.sameSite}`);
  }
  if (a.partitioned === true) {
    if (a.secure !== true) invalid('Partitioned requires Secure');
    parts.push('Partitioned');
  }
  return parts.join('; ');
}

/**
 * The attributes this package recommends for a device-id cookie: a year long, the whole site, not readable by
 * scripts, `SameSite=Lax`, and `Secure` unless told otherwise (pass `{ secure: false }` for plain-HTTP development).
 *
 * @param overrides - attributes that replace the defaults.
 * @returns `{ path: '/', httpOnly: true, sameSite: 'Lax', secure: true, maxAge: 31536000, ...overrides }`.
 * @example
 * serializeSetCookie(DEVICE_ID_COOKIE_NAME, signed, deviceIdCookieAttributes({ secure: false, domain: 'shop.example' }));
 */
export function deviceIdCookieAttributes(overrides: CookieAttributes = {}): CookieAttributes {
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure: true, maxAge: 365 * 24 * 60 * 60, ...overrides };
}

/**
 * A `Set-Cookie` value that deletes a cookie (`Max-Age=0` and an `Expires` in the past). Pass the same `path` and
 * `domain` the cookie was set with.
 *
 * @param name - the cookie name.
 * @param attributes - `path`, `domain`, `secure`, `sameSite` of the cookie; `maxAge` and `expires` are replaced.
 * @returns the header value.
 * @throws EnsignError `INVALID_ARGUMENT` as {@link serializeSetCookie}.
 * @example
 * res.setHeader('set-cookie', expireCookie('shop_user', { path: '/' }));
 */
export function expireCookie(name: string, attributes: CookieAttributes = {}): string {
  return serializeSetCookie(name, '', { ...attributes, maxAge: 0, expires: new Date(0) });
}

/**
 * Reads a `Cookie` request header into a `Map` of name to raw value (surrounding double quotes removed, no URL
 * decoding). The first occurrence of a name wins, as browsers send the most specific cookie first. Never throws:
 * anything that is not a string gives an empty map; pairs without `=` are skipped. A `Map`, so names such as
 * `__proto__` are ordinary keys.
 *
 * @param header - the header value (`req.headers.cookie`).
 * @returns the cookies.
 * @example
 * parseCookieHeader('a=1; ensign_device_id=abc.sig; a=2').get('a'); // '1'
 */
export function parseCookieHeader(header: unknown): Map<string, string> {
  const cookies = new Map<string, string>();
  if (typeof header !== 'string') return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (name.length === 0 || cookies.has(name)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    cookies.set(name, value);
  }
  return cookies;
}

function invalid(message: string): never {
  throw new EnsignError('INVALID_ARGUMENT', `serializeSetCookie: ${message}`);
}
