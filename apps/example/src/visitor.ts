// Who is asking: the signed device-id cookie (set on the first visit), the Amplitude identity cookie kept in step with
// it, the signed-in user and the country picked on the page. Built only from @ensign/cookie-utils.
import {
  cookieName,
  DEVICE_ID_COOKIE_NAME,
  DEVICE_ID_PATTERN,
  deviceIdCookieAttributes,
  expireCookie,
  generateCookie,
  parseCookie,
  parseCookieHeader,
  serializeSetCookie,
} from '@ensign/cookie-utils';
import type { DeviceIdSigner } from '@ensign/cookie-utils';

/** Countries offered on the page (the `country` attribute of the device context). */
export const COUNTRIES = Object.freeze({
  US: 'United States',
  NL: 'Netherlands',
  BE: 'Belgium',
  LU: 'Luxembourg',
  DE: 'Germany',
  FR: 'France',
  GB: 'United Kingdom',
  JP: 'Japan',
} as const);

/** A country code of {@link COUNTRIES}. */
export type Country = keyof typeof COUNTRIES;

/** The signed-in user's cookie (signed like the device id: a user name cannot be forged). */
export const USER_COOKIE = 'shop_user';
/** The country picked on the page. */
export const COUNTRY_COOKIE = 'shop_country';

/** The visitor of one request. */
export interface Visitor {
  deviceId: string;
  /** The signed-in user name, or null. */
  userId: string | null;
  country: Country;
  /** Whether this request issued a new device id (first visit, or a tampered cookie). */
  newDevice: boolean;
  /** `Set-Cookie` values this request must send. */
  setCookies: string[];
}

/** What {@link resolveVisitor} needs. */
export interface VisitorDeps {
  signer: DeviceIdSigner;
  /** Verifies the user cookie (its own key, so a signed user name is not a valid device id). */
  userSigner: DeviceIdSigner;
  /** The Amplitude API key whose identity cookie (`AMP_` + 10 characters) is kept in step with the device id. */
  amplitudeApiKey: string;
  /** Send cookies with `Secure` (false on plain-HTTP localhost). */
  secure: boolean;
}

/**
 * Reads the visitor from the `Cookie` header, issuing a signed device id on the first visit. A device id already set by
 * Amplitude's browser SDK (its `AMP_` cookie) is adopted, so both bucket the same browser the same way.
 *
 * @example
 * const visitor = await resolveVisitor(req.headers.cookie, deps);
 */
export async function resolveVisitor(cookieHeader: string | undefined, deps: VisitorDeps): Promise<Visitor> {
  const cookies = parseCookieHeader(cookieHeader);
  const setCookies: string[] = [];
  const ampName = cookieName(deps.amplitudeApiKey, { newFormat: true });
  const amplitude = parseCookie(cookies.get(ampName), { newFormat: true });

  let signedDevice = cookies.get(DEVICE_ID_COOKIE_NAME);
  if (signedDevice === undefined && amplitude.deviceId !== undefined && DEVICE_ID_PATTERN.test(amplitude.deviceId)) {
    signedDevice = await deps.signer.sign(amplitude.deviceId);
    setCookies.push(serializeSetCookie(DEVICE_ID_COOKIE_NAME, signedDevice, deviceIdCookieAttributes({ secure: deps.secure })));
  }
  const device = await deps.signer.resolve(signedDevice);
  if (device.cookieValue !== null) {
    setCookies.push(serializeSetCookie(DEVICE_ID_COOKIE_NAME, device.cookieValue, deviceIdCookieAttributes({ secure: deps.secure })));
  }
  if (amplitude.deviceId !== device.deviceId) {
    // Readable by scripts on purpose: Amplitude's browser SDK reads this cookie.
    setCookies.push(
      serializeSetCookie(ampName, generateCookie(device.deviceId, { newFormat: true }), { path: '/', sameSite: 'Lax', secure: deps.secure, maxAge: 365 * 86_400 }),
    );
  }

  let userId: string | null = null;
  const userCookie = cookies.get(USER_COOKIE);
  if (userCookie !== undefined) {
    const user = await deps.userSigner.verify(userCookie);
    if (user.ok) userId = user.deviceId;
    else setCookies.push(expireCookie(USER_COOKIE, { path: '/' }));
  }
  return { deviceId: device.deviceId, userId, country: countryOf(cookies.get(COUNTRY_COOKIE)), newDevice: device.issued, setCookies };
}

/**
 * The country code, if it is one of {@link COUNTRIES}; else `US`.
 *
 * @example
 * countryOf('NL'); // 'NL'
 */
export function countryOf(value: unknown): Country {
  return typeof value === 'string' && Object.hasOwn(COUNTRIES, value) ? (value as Country) : 'US';
}

/**
 * The evaluation context of a visitor: a `device` context (keyed by the device id, with the country), and after
 * sign-in a multi-context of that device and the `user`.
 *
 * @example
 * visitorContext({ deviceId: 'd1', userId: 'ana', country: 'NL' });
 * // { kind: 'multi', device: { key: 'd1', country: 'NL' }, user: { key: 'ana' } }
 */
export function visitorContext(visitor: Pick<Visitor, 'deviceId' | 'userId' | 'country'>): Record<string, unknown> {
  const device = { key: visitor.deviceId, country: visitor.country };
  if (visitor.userId === null) return { kind: 'device', ...device };
  return { kind: 'multi', device, user: { key: visitor.userId } };
}
