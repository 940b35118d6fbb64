// One SDK process of a fleet, for the fleet tests: `node --import tsx --conditions=@ensign/source sdk-process.ts
// <mode> <redisUrl> <prefix> [variation]`. It prints one JSON line with what it did and exits.
//   sticky <variation>: decideAsync('checkout-redesign') for user-sticky and user-fresh, on a datafile sending
//     everyone to <variation>, with the Redis user profile service.
//   events: Amplitude evaluate (assignment and exposure events) and LaunchDarkly variation (index events) for
//     user-42, with the Redis shared dedup; prints every event it sent.
import { createClient } from '@ensign/node-sdk';
import type { EnsignEvent, EventBatch } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import { createRedisDedup, createRedisUserProfileService } from '@ensign/redis-store';

const [mode, url, prefix, variation] = process.argv.slice(2) as [string, string, string, string | undefined];
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** The example datafile with the checkout experiment sending everyone to one variation. */
function allTo(to: string): typeof exampleDatafile {
  const copy = JSON.parse(JSON.stringify(exampleDatafile)) as typeof exampleDatafile;
  const rule = copy.flags.find((f) => f.key === 'checkout-redesign')?.rules?.[0] as { serve: { rollout: { variations: { variation: string; weight: number }[] } } };
  for (const v of rule.serve.rollout.variations) v.weight = v.variation === to ? 10_000 : 0;
  return copy;
}

async function sticky(): Promise<unknown> {
  const ups = createRedisUserProfileService({ url, prefix });
  const client = createClient({ datafile: allTo(variation ?? 'control'), userProfileServiceAsync: ups, events: false, logger: quiet });
  try {
    const decide = async (user: string) => (await client.createUserContext(user, { country: 'US', plan: 'pro' }).decideAsync('checkout-redesign')).variationKey;
    return { sticky: await decide('user-sticky'), fresh: await decide('user-fresh') };
  } finally {
    await client.close();
    await ups.close();
  }
}

async function events(): Promise<unknown> {
  const sent: EnsignEvent[] = [];
  const sharedDedup = createRedisDedup({ url, prefix });
  const client = createClient({
    datafile: exampleDatafile,
    sharedDedup,
    eventDispatcher: {
      dispatch(batch: EventBatch) {
        sent.push(...batch.events);
        return Promise.resolve({ delivered: true });
      },
    },
    assignmentConfig: { apiKey: 'amp-assign-0001' },
    exposureConfig: { apiKey: 'amp-expose-0001' },
    logger: quiet,
  });
  try {
    await client.onReady({ timeout: 1_000 });
    client.evaluate({ user_id: 'user-42', device_id: 'device-42', user_properties: { country: 'UK' } }, undefined, { tracksExposure: true });
    client.variation('checkout-redesign', { kind: 'user', key: 'ld-user-42' }, false);
    await client.flush();
    return { events: sent.filter((e) => e.kind !== 'summary'), stats: client.getStatus().events };
  } finally {
    await client.close();
    await sharedDedup.close();
  }
}

const run = mode === 'sticky' ? sticky : events;
run().then(
  (out) => {
    process.stdout.write(`${JSON.stringify(out)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
