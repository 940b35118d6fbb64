import type { IncomingHttpHeaders } from 'node:http';

const SCHEMES = /^(?:api-key|bearer)(?:\s+|$)/i;

/**
 * The SDK key a request carries, or null. Accepted, in this order: `X-API-Key: <key>`, then `Authorization:
 * Api-Key <key>`, `Authorization: Bearer <key>` or a bare `Authorization: <key>` (what the SDK's event dispatcher
 * sends). Surrounding spaces are ignored.
 *
 * @example
 * sdkKeyOf({ authorization: 'Bearer sdk-123' }); // 'sdk-123'
 * sdkKeyOf({ 'x-api-key': 'sdk-123' }); // 'sdk-123'
 */
export function sdkKeyOf(headers: IncomingHttpHeaders): string | null {
  const apiKey = headers['x-api-key'];
  const fromApiKey = typeof apiKey === 'string' ? apiKey.trim() : '';
  if (fromApiKey !== '') return fromApiKey;
  const authorization = headers.authorization;
  if (typeof authorization !== 'string') return null;
  const key = authorization.trim().replace(SCHEMES, '').trim();
  return key === '' ? null : key;
}

/**
 * A URL path with the SDK key segments of the datafile and stream routes masked (only the last four characters
 * stay), for log lines.
 *
 * @example
 * maskUrl('/v1/datafiles/sdk-prod-1234567890.json?x=1'); // '/v1/datafiles/****7890.json?x=1'
 */
export function maskUrl(url: string): string {
  return url.replace(/^(\/v1\/(?:datafiles|stream)\/)([^/?#]+?)(\.json)?(?=$|[?#/])/, (_all, prefix: string, key: string, ext: string | undefined) =>
    `${prefix}${maskKey(decodeSafe(key))}${ext ?? ''}`,
  );
}

/** A key for a log line: `****` and its last four characters (all stars when it is 8 characters or shorter). */
export function maskKey(key: string): string {
  return key.length <= 8 ? '****' : `****${key.slice(-4)}`;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
