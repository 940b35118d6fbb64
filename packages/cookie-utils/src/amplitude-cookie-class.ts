// `AmplitudeCookie`: the names and answers of the class Amplitude's Experiment Node server SDK exports, for code that
// migrates by changing one import line. It answers as that class does, malformed cookies included (checked side by
// side with `@amplitude/experiment-node-server` in importers/test/amplitude/cookie.test.ts); `cookieName`,
// `parseCookie` and `generateCookie` are this package's own, stricter and more forgiving functions.
import { EnsignError } from '@ensign/common';
import { encodeBase64Utf8 } from './base64.js';

/** Amplitude's `ExperimentUser` fields an Amplitude cookie carries. */
export interface AmplitudeCookieUser {
  device_id?: string;
  user_id?: string;
}

const BASE64_VALUES: Readonly<Record<string, number>> = (() => {
  const table: Record<string, number> = {};
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet[i] as string] = i;
  table['-'] = 62; // the URL-safe alphabet is read too
  table['_'] = 63;
  return Object.freeze(table);
})();

/**
 * Base64 read as Node's `Buffer.from(text, 'base64')` reads it: characters outside both alphabets are skipped, the
 * first `=` ends the data, and a trailing partial byte is dropped; then UTF-8, with U+FFFD for invalid sequences.
 */
function lenientBase64Utf8(text: string): string {
  const bytes: number[] = [];
  let bits = 0;
  let count = 0;
  for (const c of text) {
    if (c === '=') break;
    const v = BASE64_VALUES[c];
    if (v === undefined) continue;
    bits = (bits << 6) | v;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes.push((bits >> count) & 0xff);
    }
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

/**
 * Amplitude's identity cookie helpers, with the Experiment Node server SDK's names and answers.
 *
 * @example
 * AmplitudeCookie.cookieName('0123456789abcdef');              // 'amp_012345'
 * AmplitudeCookie.cookieName('0123456789abcdef', true);        // 'AMP_0123456789'
 * AmplitudeCookie.parse(AmplitudeCookie.generate('device-1', true), true); // { device_id: 'device-1', user_id: undefined }
 */
export class AmplitudeCookie {
  /**
   * The name of the cookie Amplitude's browser SDK sets for `amplitudeApiKey`: `amp_` and its first 6 characters, or,
   * with `newFormat` (Browser SDK 2.x), `AMP_` and its first 10. Throws for a key shorter than that.
   */
  static cookieName(amplitudeApiKey: string, newFormat = false): string {
    const needed = newFormat ? 10 : 6;
    if (typeof amplitudeApiKey !== 'string' || amplitudeApiKey.length < needed) throw new EnsignError('INVALID_ARGUMENT', 'Invalid Amplitude API Key');
    return newFormat ? `AMP_${amplitudeApiKey.substring(0, 10)}` : `amp_${amplitudeApiKey.substring(0, 6)}`;
  }

  /**
   * The device and user ids of a cookie value. The legacy format is `deviceId.base64(userId)....`; the new one is
   * base64 of the URI-encoded JSON of `{ deviceId, userId }` (`{}` when that cannot be read).
   */
  static parse(amplitudeCookie: string, newFormat = false): AmplitudeCookieUser {
    if (newFormat) {
      try {
        const session = JSON.parse(decodeURIComponent(lenientBase64Utf8(String(amplitudeCookie)))) as { deviceId?: string; userId?: string } | null;
        return { device_id: session?.deviceId, user_id: session?.userId } as AmplitudeCookieUser;
      } catch {
        return {};
      }
    }
    const values = String(amplitudeCookie).split('.');
    const encodedUser = values[1];
    return { device_id: values[0], user_id: encodedUser ? lenientBase64Utf8(encodedUser) : undefined } as AmplitudeCookieUser;
  }

  /** A cookie value carrying only `deviceId`: `deviceId..........`, or the new format's base64 of its JSON. */
  static generate(deviceId: string, newFormat = false): string {
    if (!newFormat) return `${deviceId}..........`;
    return encodeBase64Utf8(encodeURIComponent(JSON.stringify({ deviceId })));
  }
}
