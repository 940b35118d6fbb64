// A vendor-neutral device-id cookie: `<deviceId>.<base64url HMAC-SHA256 signature>`. The signature is computed with
// Web Crypto (`globalThis.crypto.subtle`, present in Node 20, browsers and edge runtimes), so the package imports no
// node:* module; every call that touches the key is therefore asynchronous.
import { EnsignError } from '@ensign/common';
import { decodeBase64Bytes, encodeBase64Url } from './base64.js';

/** Options of {@link createDeviceIdSigner}. */
export interface DeviceIdSignerOptions {
  /** The signing secret: at least 32 bytes (a string is read as UTF-8). Keep it out of logs and source control. */
  secret: string | Uint8Array;
  /**
   * Secrets used before `secret`: cookies they signed still verify (reported with `resign: true`), so a secret can
   * be rotated without resetting every visitor's bucketing id. Default none.
   */
  previousSecrets?: ReadonlyArray<string | Uint8Array>;
}

/** What {@link DeviceIdSigner.verify} found. */
export type DeviceIdVerification =
  | {
      ok: true;
      deviceId: string;
      /** Signed with a previous secret: set the cookie again with `sign(deviceId)`. */
      resign: boolean;
    }
  | {
      ok: false;
      /** `malformed`: not `<id>.<signature>` with a valid id; `bad-signature`: the id or signature was changed. */
      reason: 'malformed' | 'bad-signature';
    };

/** What {@link DeviceIdSigner.resolve} decided for one request. */
export interface ResolvedDeviceId {
  /** The device id to bucket this request by. */
  deviceId: string;
  /** `true` when the cookie was missing, malformed or tampered with, and `deviceId` is a new one. */
  issued: boolean;
  /** The signed cookie value to send in `Set-Cookie`, or `null` when the request's cookie is fine as it is. */
  cookieValue: string | null;
}

/** Signs and verifies device-id cookie values with HMAC-SHA256. */
export interface DeviceIdSigner {
  /**
   * The cookie value for a device id: `<deviceId>.<signature>`. Rejects with `EnsignError('INVALID_ARGUMENT')` for
   * an id that does not match {@link DEVICE_ID_PATTERN}.
   */
  sign(deviceId: string): Promise<string>;
  /** Checks a cookie value. Never rejects: anything that is not a well-formed, correctly signed value is `ok: false`. */
  verify(cookieValue: unknown): Promise<DeviceIdVerification>;
  /**
   * The device id of a request: the verified one from the cookie, else a new random one (tampered values are
   * replaced, never trusted), with the cookie value to set when it changed or must be re-signed. Never rejects.
   */
  resolve(cookieValue: unknown): Promise<ResolvedDeviceId>;
}

/** Device ids this cookie carries: 1 to 128 characters of letters, digits, `-` and `_` (a UUID fits). */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** The smallest secret accepted, in bytes (the HMAC-SHA256 output size, as RFC 2104 recommends). */
export const MIN_SECRET_BYTES = 32;

// Domain separation: a signature made for this cookie is not valid for anything else signed with the same secret.
const CONTEXT = 'ensign-device-id.v1:';
const SIGNATURE_BYTES = 32;
const encoder = new TextEncoder();

// Web Crypto's types, taken from the global so the package needs neither the DOM lib nor node:crypto's types.
type Subtle = (typeof globalThis.crypto)['subtle'];
type HmacKey = Awaited<ReturnType<Subtle['importKey']>>;

/**
 * A new random device id (a version 4 UUID from `crypto.randomUUID`).
 *
 * @returns the id, e.g. `'3b241101-e2bb-4255-8caf-4136c566a962'`.
 * @example
 * const deviceId = generateDeviceId();
 */
export function generateDeviceId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Creates a signer for device-id cookies. The keys are imported once, on first use.
 *
 * @param options - `{ secret, previousSecrets? }`.
 * @returns the signer.
 * @throws EnsignError `INVALID_OPTIONS` when a secret is missing or shorter than {@link MIN_SECRET_BYTES} bytes, or
 *   Web Crypto is not available.
 * @example
 * const signer = createDeviceIdSigner({ secret: process.env.DEVICE_ID_SECRET! });
 * const { deviceId, cookieValue } = await signer.resolve(cookies.get('ensign_device_id'));
 * if (cookieValue) res.setHeader('set-cookie', serializeSetCookie('ensign_device_id', cookieValue, deviceIdCookieAttributes()));
 */
export function createDeviceIdSigner(options: DeviceIdSignerOptions): DeviceIdSigner {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new EnsignError('INVALID_OPTIONS', 'createDeviceIdSigner: Web Crypto (globalThis.crypto.subtle) is not available');
  const secrets = [options?.secret, ...(options?.previousSecrets ?? [])].map((s, i) => secretBytes(s, i));
  return new HmacDeviceIdSigner(subtle, secrets);
}

function secretBytes(secret: unknown, index: number): Uint8Array {
  const name = index === 0 ? 'secret' : `previousSecrets[${index - 1}]`;
  const bytes = typeof secret === 'string' ? encoder.encode(secret) : secret instanceof Uint8Array ? secret : null;
  if (bytes === null) throw new EnsignError('INVALID_OPTIONS', `createDeviceIdSigner: ${name} must be a string or a Uint8Array`);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new EnsignError('INVALID_OPTIONS', `createDeviceIdSigner: ${name} must have at least ${MIN_SECRET_BYTES} bytes (got ${bytes.length})`);
  }
  return bytes;
}

class HmacDeviceIdSigner implements DeviceIdSigner {
  private keys: Promise<HmacKey[]> | null = null;

  constructor(
    private readonly subtle: Subtle,
    private readonly secrets: Uint8Array[],
  ) {}

  async sign(deviceId: string): Promise<string> {
    if (typeof deviceId !== 'string' || !DEVICE_ID_PATTERN.test(deviceId)) {
      throw new EnsignError('INVALID_ARGUMENT', 'sign: a device id is 1 to 128 letters, digits, "-" or "_"');
    }
    const [current] = await this.importKeys();
    const signature = await this.subtle.sign('HMAC', current!, encoder.encode(CONTEXT + deviceId));
    return `${deviceId}.${encodeBase64Url(new Uint8Array(signature))}`;
  }

  async verify(cookieValue: unknown): Promise<DeviceIdVerification> {
    if (typeof cookieValue !== 'string') return { ok: false, reason: 'malformed' };
    const dot = cookieValue.lastIndexOf('.');
    const deviceId = cookieValue.slice(0, dot);
    const signature = dot > 0 ? decodeBase64Bytes(cookieValue.slice(dot + 1)) : null;
    if (!DEVICE_ID_PATTERN.test(deviceId) || signature === null || signature.length !== SIGNATURE_BYTES) {
      return { ok: false, reason: 'malformed' };
    }
    try {
      const keys = await this.importKeys();
      const data = encoder.encode(CONTEXT + deviceId);
      for (let i = 0; i < keys.length; i++) {
        // subtle.verify compares in constant time.
        if (await this.subtle.verify('HMAC', keys[i]!, signature, data)) return { ok: true, deviceId, resign: i > 0 };
      }
    } catch {
      // A Web Crypto failure is treated as a failed check: the caller issues a new id.
    }
    return { ok: false, reason: 'bad-signature' };
  }

  async resolve(cookieValue: unknown): Promise<ResolvedDeviceId> {
    const found = await this.verify(cookieValue);
    if (found.ok) {
      return { deviceId: found.deviceId, issued: false, cookieValue: found.resign ? await this.sign(found.deviceId) : null };
    }
    const deviceId = generateDeviceId();
    return { deviceId, issued: true, cookieValue: await this.sign(deviceId) };
  }

  private importKeys(): Promise<HmacKey[]> {
    this.keys ??= Promise.all(
      this.secrets.map((secret) =>
        this.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']),
      ),
    );
    return this.keys;
  }
}
