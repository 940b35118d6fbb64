import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, redisPrefix, runSdkProcess } from './fleet-harness.js';

describe('sticky bucketing across SDK processes sharing Redis', () => {
  const { prefix, redis, clean } = redisPrefix('sticky');
  afterAll(clean);

  it('keeps a user in the variation another process saved, after the allocation changed', async () => {
    // Process A buckets everyone into control and saves the profile in Redis.
    expect(await runSdkProcess(['sticky', REDIS_URL, prefix, 'control'])).toEqual({ sticky: 'control', fresh: 'control' });
    expect(await redis.hgetall(`${prefix}ups:user-sticky`)).toEqual({ '50001': '90001' });
    await redis.del(`${prefix}ups:user-fresh`);
    // Process B buckets everyone into treatment, but the profile A saved keeps user-sticky in control.
    expect(await runSdkProcess(['sticky', REDIS_URL, prefix, 'treatment'])).toEqual({ sticky: 'control', fresh: 'treatment' });
  }, 60_000);
});
