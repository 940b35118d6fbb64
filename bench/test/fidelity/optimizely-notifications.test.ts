// The notification center of the Optimizely face against Optimizely's: the same listener ids and return values, the
// DECISION payloads of every decision, TRACK payloads, one OPTIMIZELY_CONFIG_UPDATE per datafile, and removal.
import { NOTIFICATION_TYPES as OPTIMIZELY_TYPES, OptimizelyDecideOption } from '@optimizely/optimizely-sdk';
import { NOTIFICATION_TYPES } from '@ensign/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { rolloutsConfig } from '../../../packages/importers/test/optimizely/config-rollouts.js';
import { cleanDatafile, openPair, withoutUnportable, type Pair } from './optimizely-pair.js';

const config = rolloutsConfig();
let pair: Pair | undefined;

afterEach(async () => {
  await pair?.close();
  pair = undefined;
});

describe('notificationCenter', () => {
  it('spells the notification types as Optimizely', () => {
    expect({ ...NOTIFICATION_TYPES }).toEqual({ ...OPTIMIZELY_TYPES });
  });

  it('sends the DECISION payload Optimizely sends, for every flag and user', async () => {
    pair = await openPair(cleanDatafile());
    const theirs: unknown[] = [];
    const ours: unknown[] = [];
    expect(pair.ensign.notificationCenter.addNotificationListener('DECISION', (n: never) => ours.push(n))).toBe(
      pair.vendor.notificationCenter.addNotificationListener(OPTIMIZELY_TYPES.DECISION, (n) => theirs.push(n)),
    );
    for (let n = 0; n < 60; n++) {
      const attributes = { plan: n % 2 === 0 ? 'pro' : 'free', country: n % 3 === 0 ? 'US' : 'FR' };
      const options = n % 2 === 0 ? [OptimizelyDecideOption.INCLUDE_REASONS] : [OptimizelyDecideOption.DISABLE_DECISION_EVENT];
      pair.vendor.createUserContext(`user-${n}`, attributes).decideAll(options);
      pair.ensign.createUserContext(`user-${n}`, attributes).decideAll(options as never);
    }
    expect(theirs.length).toBe(60 * 2);
    expect(ours).toEqual(theirs);
  });

  it('sends TRACK with the event key, user and tags, and stops after removal', async () => {
    pair = await openPair(withoutUnportable(config.datafile), { events: true });
    const seen: { theirs: unknown[]; ours: unknown[] } = { theirs: [], ours: [] };
    const pick = (n: { eventKey: string; userId: string; attributes: unknown; eventTags: unknown }) => ({ eventKey: n.eventKey, userId: n.userId, attributes: n.attributes, eventTags: n.eventTags });
    const theirId = pair.vendor.notificationCenter.addNotificationListener(OPTIMIZELY_TYPES.TRACK, (n) => seen.theirs.push(pick(n as never)));
    const ourId = pair.ensign.notificationCenter.addNotificationListener('TRACK', (n: never) => seen.ours.push(pick(n)));
    pair.vendor.createUserContext('user-1', { plan: 'pro' }).trackEvent('purchase', { revenue: 4200, value: 3, note: null } as never);
    pair.ensign.createUserContext('user-1', { plan: 'pro' }).trackEvent('purchase', { revenue: 4200, value: 3, note: null } as never);
    // An unknown event sends nothing on either side.
    pair.vendor.createUserContext('user-2').trackEvent('no-such-event');
    pair.ensign.createUserContext('user-2').trackEvent('no-such-event');
    expect(pair.ensign.notificationCenter.removeNotificationListener(ourId)).toBe(pair.vendor.notificationCenter.removeNotificationListener(theirId));
    expect(pair.ensign.notificationCenter.removeNotificationListener(ourId)).toBe(pair.vendor.notificationCenter.removeNotificationListener(theirId));
    pair.vendor.createUserContext('user-3').trackEvent('purchase');
    pair.ensign.createUserContext('user-3').trackEvent('purchase');
    expect(seen.theirs).toHaveLength(1);
    expect(seen.ours).toEqual(seen.theirs);
  });

  it('refuses an unknown type, and clears listeners by type and all at once, as Optimizely', async () => {
    pair = await openPair(withoutUnportable(config.datafile));
    const centers = [pair.vendor.notificationCenter, pair.ensign.notificationCenter] as const;
    const counts: [number, number] = [0, 0];
    const results = centers.map((center, i) => {
      const bad = center.addNotificationListener('NOT_A_TYPE' as never, () => {});
      center.addNotificationListener('DECISION' as never, () => (counts[i as 0 | 1] += 1));
      center.clearNotificationListeners('TRACK' as never);
      return bad;
    });
    expect(results[1]).toBe(results[0]);
    pair.vendor.createUserContext('u').decide('checkout');
    pair.ensign.createUserContext('u').decide('checkout');
    centers[0].clearNotificationListeners(OPTIMIZELY_TYPES.DECISION);
    centers[1].clearAllNotificationListeners();
    pair.vendor.createUserContext('u').decide('checkout');
    pair.ensign.createUserContext('u').decide('checkout');
    expect(counts).toEqual([1, 1]);
  });

  it('sends OPTIMIZELY_CONFIG_UPDATE as Optimizely for a datafile given at creation (already in use: none)', async () => {
    const { createInstance, createStaticProjectConfigManager } = await import('@optimizely/optimizely-sdk');
    const { createClient } = await import('@ensign/node-sdk');
    const { importOptimizelyDatafile } = await import('@ensign/importers/optimizely');
    const text = JSON.stringify(config.datafile);
    const imported = importOptimizelyDatafile(text);
    if (!imported.ok) throw new Error('import failed');
    const vendor = createInstance({ projectConfigManager: createStaticProjectConfigManager({ datafile: text }) });
    const ensign = createClient({ datafile: imported.datafile, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    const counts: [number, number] = [0, 0];
    vendor.notificationCenter.addNotificationListener(OPTIMIZELY_TYPES.OPTIMIZELY_CONFIG_UPDATE, () => (counts[0] += 1));
    ensign.notificationCenter.addNotificationListener('OPTIMIZELY_CONFIG_UPDATE', () => (counts[1] += 1));
    await Promise.all([vendor.onReady({ timeout: 5_000 }), ensign.onReady({ timeout: 5_000 })]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counts[1]).toBe(counts[0]);
    await Promise.all([vendor.close(), ensign.close()]);
  });
});

describe('LOG_EVENT', () => {
  it('is sent for each event batch handed to the dispatcher, with where it goes', async () => {
    pair = await openPair(cleanDatafile(), { events: true });
    const sent: { url: unknown; httpVerb: unknown; params: unknown }[] = [];
    const id = pair.ensign.notificationCenter.addNotificationListener('LOG_EVENT', (n: never) => sent.push(n));
    pair.ensign.createUserContext('user-1', { plan: 'pro' }).decide('checkout');
    pair.ensign.createUserContext('user-1').trackEvent('purchase');
    await pair.ensign.flush();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]).toMatchObject({ httpVerb: 'POST', url: expect.any(String), params: expect.any(Object) });
    expect(pair.ensign.notificationCenter.removeNotificationListener(id)).toBe(true);
  });
});
