/**
 * Masks a secret (an SDK key, an API key) for a log line: only its last four characters stay.
 *
 * @example
 * maskSecret('sdk-1234567890abcd'); // "****abcd"
 */
export function maskSecret(secret: string | undefined | null): string {
  if (!secret) return '(none)';
  return secret.length <= 8 ? '****' : `****${secret.slice(-4)}`;
}

const MASK_INPUT_LIMIT = 4_096;
const SECRET_NAME = /key|token|secret|passw|pwd|sig|auth|credential/i;
// Every pattern below is linear: each starts at a literal anchor and its runs stop at a delimiter.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/?#@]{1,256}@/gi;
const QUERY_PARAM = /([?&;])([^=&\s#;]{1,64})=([^&\s#;"']*)/g;
const AUTH_VALUE = /((?:proxy-)?authorization|x-api-key|api-key|apikey)(["']?\s{0,8}[:=]\s{0,8}["']?)(?:(bearer|basic|token)\s{1,8})?[^\s"',;}]+/gi;
const LONG_TOKEN = /[A-Za-z0-9+_=-]{32,}/g;

/**
 * Masks everything secret-looking in a text meant for a log line or an error message: URL credentials
 * (`https://user:pw@` → `https://****@`), query parameters whose name says key, token, secret, password or
 * signature, `authorization` (and api-key) values, and tokens of 32 or more hex/base64 characters that mix letters
 * and digits. Texts longer than 4 096 characters are cut first, so the cost stays small whatever the input.
 *
 * @example
 * maskSecretsIn('GET https://u:pw@x.example/?token=abc'); // "GET https://****@x.example/?token=****"
 */
export function maskSecretsIn(text: string): string {
  let out = text.length > MASK_INPUT_LIMIT ? `${text.slice(0, MASK_INPUT_LIMIT)}…` : text;
  out = out.replace(URL_CREDENTIALS, '$1****@');
  out = out.replace(QUERY_PARAM, (all, sep: string, name: string) => (SECRET_NAME.test(name) ? `${sep}${name}=****` : all));
  out = out.replace(AUTH_VALUE, (_all, name: string, between: string, scheme: string | undefined) => `${name}${between}${scheme ? `${scheme} ` : ''}****`);
  out = out.replace(LONG_TOKEN, (token) => (/[0-9]/.test(token) && /[A-Za-z]/.test(token) ? maskSecret(token) : token));
  return out;
}
