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
