// LaunchDarkly's bucketing vectors (go-server-sdk-evaluation evaluator_bucketing_testdata_test.go).
//
// The expected values are Go float32 results (Go computes `float32(hashVal) / float32(0xFFFFFFFFFFFFFFF)`), written
// with 7–8 significant digits; we compute in float64 like the Node SDK. So the comparison is done twice:
// 1. Within a relative 1e-7, the tolerance of the vendor's own test (`assert.InEpsilon(t, expected, bucket,
//    0.0000001)` in evaluator_bucketing_test.go). Float32 has a 24-bit significand (relative spacing ≤ 2^-23 ≈ 1.2e-7,
//    rounding error ≤ 6e-8), so a correct float64 value always lies this close to the Go value.
// 2. Exactly, after replaying Go's float32 arithmetic on the same 60-bit integer: `float32(int64)` rounds the integer
//    to 24 bits (nearest, ties to even, done here with BigInt to avoid double rounding through float64) and the
//    division by 2^60 is exact. That value must be the float32 nearest to the file's literal.
// The integer bucket of the test harness (floor(bucket × 100000)) must also agree; the file gives none, so it is
// derived from the expected value.
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { ldBucket, ldHashInput } from '@ensign/evaluator-core/bucketing';
import { arrayAt, assertReadable, readVectorFile } from './vendor-vectors.js';

interface LdVector {
  flagOrSegmentKey: string;
  salt: string;
  seed: number | null;
  contextValue: string;
  hashInput: string;
  expectedBucketValue: number;
}

function isLdVector(v: unknown): v is LdVector {
  const o = v as LdVector;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.flagOrSegmentKey === 'string' &&
    typeof o.salt === 'string' &&
    (o.seed === null || typeof o.seed === 'number') &&
    typeof o.contextValue === 'string' &&
    typeof o.hashInput === 'string' &&
    typeof o.expectedBucketValue === 'number'
  );
}

/** Go's `float32(v)` for a non-negative integer: round to a 24-bit significand, nearest, ties to even. */
function float32OfInteger(v: bigint): number {
  const bits = v.toString(2).length;
  if (v === 0n || bits <= 24) return Number(v);
  const shift = BigInt(bits - 24);
  let q = v >> shift;
  const rest = v - (q << shift);
  const half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  return Number(q) * 2 ** Number(shift);
}

/** The Go SDK's bucket for a hash input: float32(first 60 bits) / float32(2^60 − 1), where the divisor is 2^60. */
function goFloat32Bucket(hashInput: string): number {
  const hex15 = bytesToHex(sha1(new TextEncoder().encode(hashInput))).substring(0, 15);
  return float32OfInteger(BigInt(`0x${hex15}`)) / 2 ** 60;
}

const file = readVectorFile('launchdarkly/bucket_vectors.json');
const raw = file.ok ? arrayAt(file.data, 'vectors') : null;
const vectors = (raw ?? []).filter(isLdVector);

describe('LaunchDarkly bucket_vectors.json', () => {
  it('is present and every vector is well formed', () => {
    assertReadable(file);
    expect(raw, `${file.path} has no "vectors" array`).not.toBeNull();
    expect(vectors.length).toBe(raw!.length);
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors)('builds the hash input $hashInput', (v) => {
    expect(ldHashInput({ flagOrSegmentKey: v.flagOrSegmentKey, salt: v.salt, seed: v.seed, value: v.contextValue })).toBe(v.hashInput);
  });

  it.each(vectors)('puts $hashInput at $expectedBucketValue (float64 within the vendor tolerance)', (v) => {
    const bucket = ldBucket({ flagOrSegmentKey: v.flagOrSegmentKey, salt: v.salt, seed: v.seed, value: v.contextValue });
    expect(Math.abs(bucket - v.expectedBucketValue) / v.expectedBucketValue).toBeLessThanOrEqual(1e-7);
    expect(Math.floor(bucket * 100000)).toBe(Math.floor(v.expectedBucketValue * 100000));
  });

  it.each(vectors)('gives exactly the Go float32 value for $hashInput when replaying float32 arithmetic', (v) => {
    expect(goFloat32Bucket(v.hashInput)).toBe(Math.fround(v.expectedBucketValue));
  });

  // The file's note: numeric-string values stand for integer attributes, which LaunchDarkly buckets as their string.
  it.each(vectors.filter((v) => /^-?\d+$/.test(v.contextValue)))('buckets the integer $contextValue like the string', (v) => {
    const asInteger = ldBucket({ flagOrSegmentKey: v.flagOrSegmentKey, salt: v.salt, seed: v.seed, value: Number(v.contextValue) });
    expect(asInteger).toBe(ldBucket({ flagOrSegmentKey: v.flagOrSegmentKey, salt: v.salt, seed: v.seed, value: v.contextValue }));
  });
});
