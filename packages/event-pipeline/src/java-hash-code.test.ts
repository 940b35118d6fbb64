import { describe, expect, it } from 'vitest';
import { javaHashCode } from './java-hash-code.js';

describe('javaHashCode', () => {
  // Figures from vendor-formats 3.5 (ampnode packages/node/test/exposure/exposure.test.ts canonical string,
  // hash codes recomputed there).
  it('hashes the Amplitude test canonical string to 1959595651', () => {
    expect(javaHashCode('user123 device456 flag-key-1 on flag-key-2 control ')).toBe(1959595651);
  });

  it('hashes it prefixed with "flag-key-1 " to 132057093', () => {
    expect(javaHashCode('flag-key-1 user123 device456 flag-key-1 on flag-key-2 control ')).toBe(132057093);
  });

  it('gives 0 for the empty string and the code unit for one character, as Java does', () => {
    expect(javaHashCode('')).toBe(0);
    expect(javaHashCode('a')).toBe(97);
    expect(javaHashCode('ab')).toBe(97 * 31 + 98);
  });

  it('wraps to a signed 32-bit integer on long input', () => {
    // "polygenelubricants".hashCode() is Integer.MIN_VALUE in Java, a well-known example.
    expect(javaHashCode('polygenelubricants')).toBe(-2147483648);
  });
});
