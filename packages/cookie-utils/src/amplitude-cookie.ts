// The Amplitude identity cookie, as Amplitude's server SDKs read and write it (experiment-node-server
// `AmplitudeCookie`, experiment-python-server `AmplitudeCookie`): the legacy amplitude-js format and the Browser
// SDK 2.x format. Written from the documented behaviour and published test values, not from their code.
import { EnsignError } from '@ensign/common';
import { decodeBase64Utf8, encodeBase64Utf8 } from './base64.js';

/** Which cookie format to read or write. */
export interface AmplitudeCookieOptions {
  /**
   * `true` for the Browser SDK 2.x cookie (`AMP_` + 10 characters of the API key; base64 of URI-encoded JSON),
   * `false` for the legacy amplitude-js cookie (`amp_` + 6 characters; dot-separated fields). Default `false`.
   */
  newFormat?: boolean;
}

/** The identity found in an Amplitude cookie. A field is absent when the cookie does not carry it. */
export interface AmplitudeIdentity {
  deviceId?: string;
  userId?: string;
}

// How many layers of URI encoding are peeled at most (the cookie value itself, then a double-encoded payload).
const MAX_DECODE_LAYERS = 3;

/**
 * The name of the cookie Amplitude's browser SDKs set for an API key: `amp_` and the first 6 characters of the key,
 * or, in the new format, `AMP_` and the first 10.
 *
 * @param apiKey - the Amplitude API key of the project.
 * @param options - `{ newFormat }`, default the legacy format.
 * @returns the cookie name.
 * @throws EnsignError `INVALID_ARGUMENT` when the key is not a string or is shorter than 6 (10 in the new format)
 *   characters: a programmer error, as in Amplitude's SDKs.
 * @example
 * cookieName('1234567');                            // 'amp_123456'
 * cookieName('1234567890', { newFormat: true });    // 'AMP_1234567890'
 */
export function cookieName(apiKey: string, options: AmplitudeCookieOptions = {}): string {
  const newFormat = options?.newFormat === true;
  const needed = newFormat ? 10 : 6;
  if (typeof apiKey !== 'string' || apiKey.length < needed) {
    const got = typeof apiKey === 'string' ? `${apiKey.length} character(s)` : apiKey === null ? 'null' : typeof apiKey;
    throw new EnsignError(
      'INVALID_ARGUMENT',
      `cookieName: the Amplitude API key must have at least ${needed} characters for the ${newFormat ? 'new' : 'legacy'} cookie format; got ${got}`,
    );
  }
  return newFormat ? `AMP_${apiKey.slice(0, 10)}` : `amp_${apiKey.slice(0, 6)}`;
}

/**
 * Reads the device id and user id from the value of an Amplitude cookie. Never throws: a value that is not a
 * string, or that cannot be read, gives `{}`.
 *
 * - Legacy format: `deviceId.base64(userId).optOut.sessionId.lastEventTime.lastEventId...`; the user id is read as
 *   base64 of UTF-8 and left out when empty or not base64.
 * - New format: base64 of the URI-encoded JSON session (`{"deviceId": ..., "userId": ...}`). A cookie value that is
 *   itself URL-encoded (`%3D` for the padding) and a JSON payload encoded twice (as Rails 7 writes it) are accepted.
 *   Only string `deviceId` and `userId` fields are kept.
 *
 * @param value - the cookie value (not the whole `Cookie` header).
 * @param options - `{ newFormat }`, default the legacy format.
 * @returns `{ deviceId?, userId? }`.
 * @example
 * parseCookie('deviceId.dGVzdEBhbXBsaXR1ZGUuY29t..1f1gkeib1.1f1gkeib1.dv.1ir.20q');
 * // { deviceId: 'deviceId', userId: 'test@amplitude.com' }
 * parseCookie('JTdCJTIyZGV2aWNlSWQlMjIlM0ElMjJkZXZpY2VJZCUyMiU3RA==', { newFormat: true }); // { deviceId: 'deviceId' }
 * parseCookie('garbage', { newFormat: true }); // {}
 */
export function parseCookie(value: unknown, options: AmplitudeCookieOptions = {}): AmplitudeIdentity {
  if (typeof value !== 'string' || value.length === 0) return {};
  return options?.newFormat === true ? parseNewFormat(value) : parseLegacyFormat(value);
}

/**
 * The value of an Amplitude cookie that carries only a device id, for a server that assigns the device id before the
 * browser SDK runs (so both bucket the same visitor the same way).
 *
 * @param deviceId - a non-empty device id (a UUID, say); in the legacy format it may not contain `.`.
 * @param options - `{ newFormat }`, default the legacy format.
 * @returns the legacy value `deviceId..........`, or the new format's base64 of the URI-encoded `{"deviceId":...}`.
 * @throws EnsignError `INVALID_ARGUMENT` for a device id that is not a non-empty string, or that contains `.` in the
 *   legacy format (it would split into the wrong fields).
 * @example
 * generateCookie('deviceId');                      // 'deviceId..........'
 * generateCookie('deviceId', { newFormat: true }); // 'JTdCJTIyZGV2aWNlSWQlMjIlM0ElMjJkZXZpY2VJZCUyMiU3RA=='
 */
export function generateCookie(deviceId: string, options: AmplitudeCookieOptions = {}): string {
  const newFormat = options?.newFormat === true;
  if (typeof deviceId !== 'string' || deviceId.length === 0) {
    throw new EnsignError('INVALID_ARGUMENT', 'generateCookie: the device id must be a non-empty string');
  }
  if (!newFormat) {
    if (deviceId.includes('.')) {
      throw new EnsignError('INVALID_ARGUMENT', 'generateCookie: a legacy-format device id may not contain "."');
    }
    // Device id, then ten empty fields: user id, opt-out, session id, last event time, ... (Amplitude's own value).
    return `${deviceId}..........`;
  }
  return encodeBase64Utf8(encodeURIComponent(JSON.stringify({ deviceId })));
}

function parseLegacyFormat(value: string): AmplitudeIdentity {
  const fields = value.split('.');
  const identity: AmplitudeIdentity = {};
  const deviceId = fields[0];
  if (deviceId) identity.deviceId = deviceId;
  const encodedUser = fields[1];
  if (encodedUser) {
    const userId = decodeBase64Utf8(encodedUser) ?? decodeBase64Utf8(safeDecodeUri(encodedUser) ?? '');
    if (userId) identity.userId = userId;
  }
  return identity;
}

function parseNewFormat(value: string): AmplitudeIdentity {
  let candidate = value.trim();
  for (let layer = 0; layer < MAX_DECODE_LAYERS; layer++) {
    const text = decodeBase64Utf8(candidate);
    if (text !== null) {
      const session = parseSession(text);
      if (session !== null) return identityOf(session);
    }
    // Perhaps the cookie value itself was URL-encoded (`%3D` padding): peel one layer and try again.
    const next = safeDecodeUri(candidate);
    if (next === null || next === candidate) break;
    candidate = next;
  }
  return {};
}

/** URI-decodes, then JSON-parses; decodes again while the text is still encoded (double-encoded cookies). */
function parseSession(text: string): Record<string, unknown> | null {
  let encoded = text;
  for (let layer = 0; layer < MAX_DECODE_LAYERS; layer++) {
    const decoded = safeDecodeUri(encoded);
    if (decoded === null) return null;
    const parsed = safeJson(decoded);
    if (parsed !== null) return parsed;
    if (decoded === encoded) return null;
    encoded = decoded;
  }
  return null;
}

function identityOf(session: Record<string, unknown>): AmplitudeIdentity {
  const identity: AmplitudeIdentity = {};
  const deviceId = Object.hasOwn(session, 'deviceId') ? session['deviceId'] : undefined;
  const userId = Object.hasOwn(session, 'userId') ? session['userId'] : undefined;
  if (typeof deviceId === 'string' && deviceId.length > 0) identity.deviceId = deviceId;
  if (typeof userId === 'string' && userId.length > 0) identity.userId = userId;
  return identity;
}

function safeDecodeUri(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
