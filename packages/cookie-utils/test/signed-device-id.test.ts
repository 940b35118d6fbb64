// Beside the shipped Web Crypto code, node:crypto's HMAC serves as an independent oracle (tests outside src/ may use
// node:*).
import { createHmac } from 'node:crypto';
import { isEnsignError } from '@ensign/common';
import { describe, expect, it } from 'vitest';
import { createDeviceIdSigner, DEVICE_ID_PATTERN, generateDeviceId } from '../src/index.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hmac';
const OLD_SECRET = 'the-previous-secret-also-32-bytes-long!!';

function oracle(secret: string, deviceId: string): string {
  return createHmac('sha256', secret).update(`ensign-device-id.v1:${deviceId}`).digest('base64url');
}

describe('the signed device-id cookie', () => {
  it('signs with HMAC-SHA256 over the versioned id, as node:crypto computes it', async () => {
    const signer = createDeviceIdSigner({ secret: SECRET });
    for (const deviceId of ['d', 'device-1', generateDeviceId(), 'x'.repeat(128)]) {
      expect(await signer.sign(deviceId)).toBe(`${deviceId}.${oracle(SECRET, deviceId)}`);
    }
  });

  it('verifies its own values and detects any tampering', async () => {
    const signer = createDeviceIdSigner({ secret: SECRET });
    const value = await signer.sign('device-1');
    expect(await signer.verify(value)).toEqual({ ok: true, deviceId: 'device-1', resign: false });

    const [id, sig] = value.split('.') as [string, string];
    const flipped = sig.slice(0, -2) + (sig.at(-2) === 'A' ? 'B' : 'A') + sig.at(-1);
    expect(await signer.verify(`device-2.${sig}`)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await signer.verify(`${id}.${flipped}`)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await signer.verify(`device-1.${oracle('another-secret-of-sufficient-length!!', 'device-1')}`)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const bad of [undefined, 42, '', 'device-1', `.${sig}`, `${id}.`, `${id}.short`, `bad id.${sig}`, `${id}.${sig}x`]) {
      expect(await signer.verify(bad)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('accepts values signed with a previous secret and asks for them to be signed again', async () => {
    const before = createDeviceIdSigner({ secret: OLD_SECRET });
    const after = createDeviceIdSigner({ secret: SECRET, previousSecrets: [OLD_SECRET] });
    const old = await before.sign('device-7');
    expect(await after.verify(old)).toEqual({ ok: true, deviceId: 'device-7', resign: true });
    expect(await after.resolve(old)).toEqual({ deviceId: 'device-7', issued: false, cookieValue: `device-7.${oracle(SECRET, 'device-7')}` });
  });

  it('resolves a request: keeps a good id, issues a new signed one for a missing or tampered cookie', async () => {
    const signer = createDeviceIdSigner({ secret: SECRET });
    const good = await signer.sign('device-3');
    expect(await signer.resolve(good)).toEqual({ deviceId: 'device-3', issued: false, cookieValue: null });

    const fresh = await signer.resolve(undefined);
    expect(fresh.issued).toBe(true);
    expect(fresh.deviceId).toMatch(DEVICE_ID_PATTERN);
    expect(fresh.cookieValue).toBe(`${fresh.deviceId}.${oracle(SECRET, fresh.deviceId)}`);

    const forged = await signer.resolve('device-3.' + oracle('forged-secret-forged-secret-forged!!', 'device-3'));
    expect(forged.issued).toBe(true);
    expect(forged.deviceId).not.toBe('device-3');
  });

  it('refuses short secrets and invalid ids as programmer errors', async () => {
    for (const options of [{ secret: 'short' }, { secret: SECRET, previousSecrets: ['short'] }, {} as { secret: string }]) {
      let thrown: unknown = null;
      try {
        createDeviceIdSigner(options);
      } catch (e) {
        thrown = e;
      }
      expect(isEnsignError(thrown, 'INVALID_OPTIONS')).toBe(true);
    }
    expect(() => createDeviceIdSigner({ secret: new Uint8Array(32) })).not.toThrow();
    const signer = createDeviceIdSigner({ secret: SECRET });
    await expect(signer.sign('has.dot')).rejects.toThrow(/1 to 128 letters/);
    await expect(signer.sign('')).rejects.toThrow(/1 to 128 letters/);
  });
});
