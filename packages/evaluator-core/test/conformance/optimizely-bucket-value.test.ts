// Optimizely's bucket value vectors (javascript-sdk lib/core/bucketer/bucket_value_generator.spec.ts).
import { describe, expect, it } from 'vitest';
import { optimizelyBucketValue, optimizelyBucketingKey } from '@ensign/evaluator-core/bucketing';
import { arrayAt, assertReadable, readVectorFile } from './vendor-vectors.js';

interface BucketValueVector {
  bucketingId: string;
  experimentId: string;
  hashInput: string;
  bucketValue: number;
}

function isBucketValueVector(v: unknown): v is BucketValueVector {
  const o = v as BucketValueVector;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.bucketingId === 'string' &&
    typeof o.experimentId === 'string' &&
    typeof o.hashInput === 'string' &&
    typeof o.bucketValue === 'number'
  );
}

const file = readVectorFile('optimizely/bucket_value_vectors.json');
const raw = file.ok ? arrayAt(file.data, 'vectors') : null;
const vectors = (raw ?? []).filter(isBucketValueVector);

describe('Optimizely bucket_value_vectors.json', () => {
  it('is present and every vector is well formed', () => {
    assertReadable(file);
    expect(raw, `${file.path} has no "vectors" array`).not.toBeNull();
    expect(vectors.length).toBe(raw!.length);
    expect(vectors.length).toBeGreaterThan(0);
  });

  it.each(vectors)('puts $hashInput in bucket $bucketValue', (v) => {
    const key = optimizelyBucketingKey(v.bucketingId, v.experimentId);
    expect(key).toBe(v.hashInput);
    expect(optimizelyBucketValue(key)).toBe(v.bucketValue);
  });
});
