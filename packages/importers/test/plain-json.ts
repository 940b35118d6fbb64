// For the fuzz tests' "the datafile is plain JSON" check: a JSON round trip turns -0 into 0, which every vendor reads
// alike, so the expected side is compared with -0 already written as 0.

/** `value` with every -0 replaced by 0 (keys such as `__proto__` stay plain data). */
export function withoutNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(withoutNegativeZero);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: withoutNegativeZero(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
