import { createDeviceIdSigner, generateCookie, parseCookie, parseCookieHeader } from '@ensign/cookie-utils';
import { describe, expect, it } from 'vitest';
import { resolveVisitor, visitorContext } from './visitor.js';

const deps = {
  signer: createDeviceIdSigner({ secret: 'device-secret-device-secret-device-secret' }),
  userSigner: createDeviceIdSigner({ secret: 'user-secret-user-secret-user-secret-user' }),
  amplitudeApiKey: '0123456789abcdef',
  secure: false,
};

function cookiesOf(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

describe('resolveVisitor', () => {
  it('issues a signed device id and an Amplitude cookie with the same id on the first visit, and keeps them after', async () => {
    const first = await resolveVisitor(undefined, deps);
    expect(first.newDevice).toBe(true);
    const header = cookiesOf(first.setCookies);
    const cookies = parseCookieHeader(header);
    expect(cookies.get('ensign_device_id')?.startsWith(`${first.deviceId}.`)).toBe(true);
    expect(parseCookie(cookies.get('AMP_0123456789'), { newFormat: true })).toEqual({ deviceId: first.deviceId });
    expect(first.setCookies.find((c) => c.startsWith('ensign_device_id='))).toContain('HttpOnly');

    const again = await resolveVisitor(header, deps);
    expect(again).toMatchObject({ deviceId: first.deviceId, newDevice: false, setCookies: [], userId: null, country: 'US' });
  });

  it("adopts the device id of Amplitude's browser SDK cookie when there is no signed one", async () => {
    const visitor = await resolveVisitor(`AMP_0123456789=${generateCookie('amp-device-1', { newFormat: true })}`, deps);
    expect(visitor).toMatchObject({ deviceId: 'amp-device-1', newDevice: false });
    expect(visitor.setCookies.some((c) => c.startsWith('ensign_device_id=amp-device-1.'))).toBe(true);
  });

  it('replaces a tampered device id, and ignores a user cookie signed with the device key', async () => {
    const signed = await deps.signer.sign('device-a');
    const tampered = await resolveVisitor(`ensign_device_id=device-b.${signed.split('.')[1]}`, deps);
    expect(tampered.newDevice).toBe(true);
    expect(tampered.deviceId).not.toBe('device-b');

    const forgedUser = await resolveVisitor(`ensign_device_id=${signed}; shop_user=${await deps.signer.sign('admin')}`, deps);
    expect(forgedUser.userId).toBeNull();
    const realUser = await resolveVisitor(`ensign_device_id=${signed}; shop_user=${await deps.userSigner.sign('ana')}; shop_country=NL`, deps);
    expect(realUser).toMatchObject({ deviceId: 'device-a', userId: 'ana', country: 'NL' });
    expect((await resolveVisitor(`ensign_device_id=${signed}; shop_user=${signed}`, deps)).userId).toBeNull();
  });
});

describe('visitorContext', () => {
  it('is a device context before sign-in and a multi-context of device and user after', () => {
    expect(visitorContext({ deviceId: 'd1', userId: null, country: 'FR' })).toEqual({ kind: 'device', key: 'd1', country: 'FR' });
    expect(visitorContext({ deviceId: 'd1', userId: 'ana', country: 'FR' })).toEqual({ kind: 'multi', device: { key: 'd1', country: 'FR' }, user: { key: 'ana' } });
  });
});
