import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OPTIMIZELY_BUCKETING_ID_ATTRIBUTE,
  optimizelyBucketValue,
  optimizelyBucketingId,
  optimizelyBucketingKey,
  optimizelyFindBucket,
  optimizelyGroupBucketingKey,
} from './optimizely.js';

// optimizely/javascript-sdk lib/tests/test_data.ts: experiment 111127 and random group 666
const experiment111127 = [
  { entityId: '111128', endOfRange: 4000 },
  { entityId: '111129', endOfRange: 9000 },
];
const group666 = [
  { entityId: '442', endOfRange: 3000 },
  { entityId: '443', endOfRange: 6000 },
];

describe('optimizelyBucketValue', () => {
  // optimizely/javascript-sdk lib/core/bucketer/bucket_value_generator.spec.ts
  it('puts ppid11886780721 in bucket 5254, and the other published keys where the SDK does', () => {
    expect(optimizelyBucketValue('ppid11886780721')).toBe(5254);
    expect(optimizelyBucketValue('ppid21886780721')).toBe(4299);
    expect(optimizelyBucketValue('ppid21886780722')).toBe(2434);
    expect(optimizelyBucketValue('ppid31886780721')).toBe(5439);
  });

  // vendor-formats §1.4: v5+ encodes UTF-8 (murmurhash@2.0.1); before 5.0.0 it was 9889 (charCodeAt & 0xff)
  it('puts "héllo111127" in bucket 9405, as the UTF-8 SDK (v5+) does', () => {
    expect(optimizelyBucketValue('héllo111127')).toBe(9405);
  });

  it('always gives an integer in [0, 10000)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (key) => {
        const v = optimizelyBucketValue(key);
        expect(Number.isInteger(v) && v >= 0 && v < 10000).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Optimizely bucketing end to end (bucketer index.spec.ts, testBucketWithBucketingId)', () => {
  it('puts bucketing id "123456789" in variation 111129 of experiment 111127 (bucket 5764)', () => {
    const value = optimizelyBucketValue(optimizelyBucketingKey('123456789', '111127'));
    expect(value).toBe(5764);
    expect(optimizelyFindBucket(value, experiment111127)).toBe('111129');
  });

  it('puts user "testBucketingIdControl" in variation 111128 (bucket 1383)', () => {
    const value = optimizelyBucketValue(optimizelyBucketingKey('testBucketingIdControl', '111127'));
    expect(value).toBe(1383);
    expect(optimizelyFindBucket(value, experiment111127)).toBe('111128');
  });

  it('picks experiment 443 of group 666 for "123456789" (bucket 4825), then bucket 3725 inside it', () => {
    const groupValue = optimizelyBucketValue(optimizelyGroupBucketingKey('123456789', '666'));
    expect(groupValue).toBe(4825);
    expect(optimizelyFindBucket(groupValue, group666)).toBe('443');
    const value = optimizelyBucketValue(optimizelyBucketingKey('123456789', '443'));
    expect(value).toBe(3725);
    expect(optimizelyFindBucket(value, experiment111127)).toBe('111128');
  });
});

describe('optimizelyFindBucket', () => {
  it('treats endOfRange as exclusive', () => {
    expect(optimizelyFindBucket(3999, experiment111127)).toBe('111128');
    expect(optimizelyFindBucket(4000, experiment111127)).toBe('111129');
    expect(optimizelyFindBucket(8999, experiment111127)).toBe('111129');
  });

  it('returns null past the last slice', () => {
    expect(optimizelyFindBucket(9000, experiment111127)).toBeNull();
    expect(optimizelyFindBucket(9999, experiment111127)).toBeNull();
  });

  it('returns the empty entity id of a hole as is, for the caller to treat as not bucketed', () => {
    const withHole = [
      { entityId: '', endOfRange: 5000 },
      { entityId: 'v1', endOfRange: 10000 },
    ];
    expect(optimizelyFindBucket(100, withHole)).toBe('');
    expect(optimizelyFindBucket(5000, withHole)).toBe('v1');
  });

  it('returns null for an empty or missing allocation', () => {
    expect(optimizelyFindBucket(0, [])).toBeNull();
    expect(optimizelyFindBucket(0, undefined)).toBeNull();
    expect(optimizelyFindBucket(0, null)).toBeNull();
  });
});

describe('optimizelyBucketingKey and optimizelyGroupBucketingKey', () => {
  it('concatenate with no separator', () => {
    expect(optimizelyBucketingKey('ppid1', '1886780721')).toBe('ppid11886780721');
    expect(optimizelyGroupBucketingKey('123456789', '666')).toBe('123456789666');
  });
});

describe('optimizelyBucketingId', () => {
  it('uses a string $opt_bucketing_id instead of the user id', () => {
    expect(OPTIMIZELY_BUCKETING_ID_ATTRIBUTE).toBe('$opt_bucketing_id');
    expect(optimizelyBucketingId('user-1', { $opt_bucketing_id: 'household-9' })).toBe('household-9');
    expect(optimizelyBucketingId('user-1', { $opt_bucketing_id: '' })).toBe('');
  });

  it('falls back to the user id when $opt_bucketing_id is not a string', () => {
    expect(optimizelyBucketingId('user-1', { $opt_bucketing_id: 42 })).toBe('user-1');
    expect(optimizelyBucketingId('user-1', { $opt_bucketing_id: null })).toBe('user-1');
  });

  it('falls back to the user id without attributes or without the attribute', () => {
    expect(optimizelyBucketingId('user-1')).toBe('user-1');
    expect(optimizelyBucketingId('user-1', null)).toBe('user-1');
    expect(optimizelyBucketingId('user-1', { plan: 'pro' })).toBe('user-1');
  });

  it('ignores an inherited $opt_bucketing_id and treats __proto__ as plain data', () => {
    const inherited = Object.create({ $opt_bucketing_id: 'from-prototype' }) as Record<string, unknown>;
    expect(optimizelyBucketingId('user-1', inherited)).toBe('user-1');
    const hostile = JSON.parse('{"__proto__": {"$opt_bucketing_id": "polluted"}}') as Record<string, unknown>;
    expect(optimizelyBucketingId('user-1', hostile)).toBe('user-1');
  });
});
