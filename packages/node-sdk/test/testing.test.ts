// How a user tests their own code with `@ensign/node-sdk/testing`: no datafile on disk, no network, flags changed
// while the client runs.
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, silentLogger } from '../src/index.js';
import type { EnsignClient } from '../src/index.js';
import { createTestData } from '../src/testing.js';

// The "application code" under test: it reads two flags through the client it is given.
function checkoutPage(client: EnsignClient, userKey: string, plan: string): string {
  const context = { kind: 'user', key: userKey, plan };
  const layout = client.boolVariation('new-checkout', context, false) ? 'new' : 'classic';
  const banner = client.stringVariation('banner-text', context, '');
  return banner === '' ? layout : `${layout} | ${banner}`;
}

describe('@ensign/node-sdk/testing', () => {
  const clients: EnsignClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  it('lets application code be tested against flags built in code, changed without a new client', async () => {
    const td = createTestData();
    await td.update(td.flag('new-checkout').variationForUser('beta-tester', true).fallthroughVariation(false));
    await td.update(td.flag('banner-text').variations('', 'Pro sale').ifMatch('plan', 'pro').thenReturn(1).fallthroughVariation(0));
    const client = createClient({ datafileSource: td, logger: silentLogger });
    clients.push(client);
    expect((await client.onReady({ timeout: 1_000 })).success).toBe(true);

    expect(checkoutPage(client, 'beta-tester', 'free')).toBe('new');
    expect(checkoutPage(client, 'someone', 'pro')).toBe('classic | Pro sale');

    // The same client sees the change at once: roll the new checkout out to everyone.
    await td.update(td.flag('new-checkout').variationForAll(true));
    expect(checkoutPage(client, 'someone', 'free')).toBe('new');

    // And a kill switch: off serves the off variation (false) to everyone, targeted users too.
    await td.update(td.flag('new-checkout').on(false));
    expect(checkoutPage(client, 'beta-tester', 'pro')).toBe('classic | Pro sale');
  });

  it('serves each client of td.source() the same flags', async () => {
    const td = createTestData();
    const a = createClient({ datafileSource: td.source(), logger: silentLogger });
    const b = createClient({ datafileSource: td.source(), logger: silentLogger });
    clients.push(a, b);
    await td.update(td.flag('new-checkout').variationForAll(true));
    expect([checkoutPage(a, 'u', 'free'), checkoutPage(b, 'u', 'free')]).toEqual(['new', 'new']);
  });
});
