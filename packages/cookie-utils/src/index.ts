// Public entry of @ensign/cookie-utils: each export is named.
export { cookieName, generateCookie, parseCookie } from './amplitude-cookie.js';
export { AmplitudeCookie } from './amplitude-cookie-class.js';
export type { AmplitudeCookieUser } from './amplitude-cookie-class.js';
export type { AmplitudeCookieOptions, AmplitudeIdentity } from './amplitude-cookie.js';
export { createDeviceIdSigner, DEVICE_ID_PATTERN, generateDeviceId, MIN_SECRET_BYTES } from './signed-device-id.js';
export type { DeviceIdSigner, DeviceIdSignerOptions, DeviceIdVerification, ResolvedDeviceId } from './signed-device-id.js';
export {
  DEVICE_ID_COOKIE_NAME,
  deviceIdCookieAttributes,
  expireCookie,
  MAX_COOKIE_AGE_SECONDS,
  parseCookieHeader,
  serializeSetCookie,
} from './set-cookie.js';
export type { CookieAttributes, SameSite } from './set-cookie.js';
