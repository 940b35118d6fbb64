import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Bytes, decodeBase64Utf8, encodeBase64Bytes, encodeBase64Url, encodeBase64Utf8 } from './base64.js';

describe('base64 without Buffer', () => {
  it('encodes UTF-8 text as standard padded base64', () => {
    expect(encodeBase64Utf8('test@amplitude.com')).toBe('dGVzdEBhbXBsaXR1ZGUuY29t');
    expect(encodeBase64Utf8('c÷>')).toBe('Y8O3Pg==');
    expect(encodeBase64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('decodes both alphabets with or without padding, and rejects what is not base64', () => {
    expect(decodeBase64Utf8('Y8O3Pg')).toBe('c÷>');
    expect(decodeBase64Bytes('-_8')).toEqual(new Uint8Array([251, 255]));
    expect(decodeBase64Bytes('+/8=')).toEqual(new Uint8Array([251, 255]));
    for (const bad of ['a', 'ab*c', 'abc===', '=abc', 'a b']) expect(decodeBase64Bytes(bad)).toBeNull();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase64Bytes(encodeBase64Bytes(bytes))).toEqual(bytes);
        expect(decodeBase64Bytes(encodeBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });
});
