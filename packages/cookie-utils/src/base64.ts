// Base64 of UTF-8 text without Buffer, so the package runs wherever `atob`, `btoa`, `TextEncoder` and
// `TextDecoder` exist (Node 18+, browsers, edge runtimes).

const encoder = new TextEncoder();
// Not fatal: invalid UTF-8 becomes U+FFFD, as Buffer#toString('utf-8') does in Amplitude's Node SDK.
const decoder = new TextDecoder('utf-8');

// The standard and the URL-safe alphabets, padding optional.
const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/**
 * Encodes text as standard, padded base64 of its UTF-8 bytes.
 *
 * @param text - any string; lone surrogates are encoded as U+FFFD.
 * @returns the base64 text.
 * @example
 * encodeBase64Utf8('test@amplitude.com'); // 'dGVzdEBhbXBsaXR1ZGUuY29t'
 */
export function encodeBase64Utf8(text: string): string {
  return encodeBase64Bytes(encoder.encode(text));
}

/**
 * Encodes bytes as standard, padded base64.
 *
 * @param bytes - the bytes.
 * @returns the base64 text.
 * @example
 * encodeBase64Bytes(new Uint8Array([99, 195, 183, 62])); // 'Y8O3Pg=='
 */
export function encodeBase64Bytes(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

/**
 * Decodes base64 (standard or URL-safe alphabet, padding optional, surrounding whitespace ignored) into bytes.
 * Never throws.
 *
 * @param text - the base64 text.
 * @returns the bytes, or `null` when the text is not base64.
 * @example
 * decodeBase64Bytes('Y8O3Pg'); // Uint8Array [99, 195, 183, 62]
 */
export function decodeBase64Bytes(text: string): Uint8Array | null {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed)) return null;
  let body = trimmed.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  // A single trailing character carries fewer than 8 bits: not base64.
  if (body.length % 4 === 1) return null;
  body += '='.repeat((4 - (body.length % 4)) % 4);
  try {
    const binary = atob(body);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/**
 * Decodes base64 into text, reading the bytes as UTF-8 (invalid sequences become U+FFFD). Never throws.
 *
 * @param text - the base64 text.
 * @returns the text, or `null` when the input is not base64.
 * @example
 * decodeBase64Utf8('Y8O3Pg=='); // 'c÷>'
 */
export function decodeBase64Utf8(text: string): string | null {
  const bytes = decodeBase64Bytes(text);
  return bytes === null ? null : decoder.decode(bytes);
}

/**
 * Encodes bytes as unpadded URL-safe base64 (RFC 4648 §5), which needs no escaping in a cookie value.
 *
 * @param bytes - the bytes.
 * @returns the base64url text.
 * @example
 * encodeBase64Url(new Uint8Array([251, 255])); // '-_8'
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBase64Bytes(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}
