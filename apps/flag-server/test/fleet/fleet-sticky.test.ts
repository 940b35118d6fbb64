import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createClient } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import { createRedisUserProfileService } from '@ensign/redis-store';
import { REDIS_URL } from './fleet-harness.js';

const US_PRO = { country: 'US', plan: 'pro' };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** The example datafile with the checkout experiment sending everyone to one variation. */
function allTo(variation: 'control' | 'treatment'): typeof exampleDatafile {
  const copy = JSON.parse(JSON.stringify(exampleDatafile)) as typeof exampleDatafile;
  const rule = copy.flags.find((f) => f.key === 'checkout-redesign')?.rules?.[0] as { serve: { rollout: { variations: { variation: string; weight: number }[] } } };
  for (const v of rule.serve.rollout.variations) v.weight = v.variation === variation ? 10_000 : 0;
  return copy;
}

describe('sticky bucketing across SDK processes sharing Redis', () => {
  const prefix = `ensign-test:sticky:${process.pid}:${Math.random().toString(36).slice(2, 10)}:`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('keeps a user in the variation another client saved, after the allocation changed', async () => {
    const upsA = createRedisUserProfileService({ url: REDIS_URL, prefix });
    const upsB = createRedisUserProfileService({ url: REDIS_URL, prefix });
    const a = createClient({ datafile: allTo('control'), userProfileServiceAsync: upsA, events: false, logger: quiet });
    const b = createClient({ datafile: allTo('treatment'), userProfileServiceAsync: upsB, events: false, logger: quiet });
    try {
      expect((await a.createUserContext('user-sticky', US_PRO).decideAsync('checkout-redesign')).variationKey).toBe('control');
      expect(await redis.hgetall(`${prefix}ups:user-sticky`)).toEqual({ '50001': '90001' });
      // Client B buckets everyone into treatment, but the profile in Redis keeps this user in control.
      expect((await b.createUserContext('user-sticky', US_PRO).decideAsync('checkout-redesign')).variationKey).toBe('control');
      expect((await b.createUserContext('user-fresh', US_PRO).decideAsync('checkout-redesign')).variationKey).toBe('treatment');
    } finally {
      await a.close();
      await b.close();
      await upsA.close();
      await upsB.close();
    }
  });
});
