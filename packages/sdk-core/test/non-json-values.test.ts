// The LaunchDarkly, Amplitude and Optimizely faces with contexts and users whose attributes are not JSON (a `Date`, `NaN`, a
// BigInt, a function, a symbol, a class instance, a cycle): evaluated as the vendors' SDKs evaluate them (differential
// tests against them are in the importers package), without a warning, and their events carry only JSON (a value
// that is not JSON, or holds something that is not, is left out).
import { describe, expect, it } from 'vitest';
import type { AssignmentEvent, DecisionEvent, ExposureEvent } from '@ensign/event-pipeline';
import { linesAt, makeClient, US_PRO } from './helpers.js';

class Visit {
  readonly at = 3;
}

function oddContext(key: string): Record<string, unknown> {
  const cycle: Record<string, unknown> = { city: 'Oslo' };
  cycle['self'] = cycle;
  return {
    kind: 'user',
    key,
    plan: 'pro',
    country: 'US',
    signedUpAt: new Date(0),
    score: Number.NaN,
    big: 7n,
    callback: () => 'pro',
    tag: Symbol('t'),
    visit: new Visit(),
    home: cycle,
    list: ['a', undefined],
  };
}

describe('the LaunchDarkly face with attribute values that are not JSON', () => {
  it('evaluates such contexts as their JSON part would be, with no warning', () => {
    const { client, logger } = makeClient({ events: false });
    for (const make of [(k: string) => oddContext(k), (k: string) => ({ kind: 'multi', user: (({ kind: _k, ...rest }) => rest)(oddContext(k)), org: { key: 'o', when: new Date(0) } })]) {
      const odd = make('user-beta-1');
      const plain = { kind: 'user', key: 'user-beta-1', plan: 'pro', country: 'US' };
      for (const flag of ['dark-mode', 'checkout-redesign', 'max-cart-items', 'homepage-hero']) {
        const detail = client.variationDetail(flag, odd, 'd');
        expect(detail.reason.kind).not.toBe('ERROR');
        expect(detail).toEqual(client.variationDetail(flag, plain, 'd'));
      }
    }
    expect(client.allFlagsState(oddContext('u-2')).valid).toBe(true);
    expect(linesAt(logger, 'warn')).toEqual([]);
  });

  it('sends index and feature events whose contexts hold only their JSON attributes, dropping nothing', async () => {
    const t = makeClient();
    t.client.variation('dark-mode', oddContext('user-odd-1'), false);
    t.client.variation('checkout-redesign', { kind: 'multi', user: { key: 'user-odd-2', at: new Date(0), n: Number.NaN }, org: { key: 'org-odd', f: () => 1 } }, 'control');
    t.client.variation('dark-mode', { key: 'legacy-odd', custom: { at: new Date(0), big: 1n } }, false);
    t.client.identify(oddContext('user-odd-3'));
    t.client.track('report-exported', oddContext('user-odd-4'), { at: new Date(0), rows: 3 } as never);
    const events = await t.events();
    expect(events.filter((e) => e.kind === 'identify')).toHaveLength(1);
    const text = JSON.stringify(events); // throws on a BigInt or a cycle
    const indexed = events.filter((e) => e.kind === 'index').map((e) => (e as unknown as { context: Record<string, unknown> }).context);
    // A value that is not JSON, or holds something that is not (the list, the cycle), is left out whole.
    expect(indexed).toContainEqual({ kind: 'user', key: 'user-odd-1', plan: 'pro', country: 'US' });
    expect(indexed).toContainEqual({ kind: 'multi', user: { key: 'user-odd-2' }, org: { key: 'org-odd' } });
    expect(indexed).toContainEqual({ kind: 'user', key: 'legacy-odd' });
    expect(text).not.toContain('Oslo');
    const status = t.client.getStatus().events;
    expect(status?.dropped ?? 0).toBe(0);
  });
});

describe('the Amplitude face with property values that are not JSON', () => {
  const odd = () => ({ user_id: 'user-42', device_id: 'device-42', platform: new Date(0), user_properties: { country: 'UK', at: new Date(0), n: Number.NaN, f: () => 1, big: 3n } });

  it('evaluates such users as their other properties would be, with no warning', () => {
    const { client, logger } = makeClient({ events: false });
    const plain = { user_id: 'user-42', device_id: 'device-42', user_properties: { country: 'UK' } };
    const variants = client.evaluate(odd() as never);
    expect(variants['pricing-page']?.key).toBe('annual-discount');
    expect(variants).toEqual(client.evaluate(plain));
    expect(linesAt(logger, 'warn')).toEqual([]);
  });

  it('sends assignment and exposure events, dropping nothing', async () => {
    const t = makeClient({ assignmentConfig: { apiKey: 'amp-api-key-123456' }, exposureConfig: {} });
    t.client.evaluate(odd() as never, ['pricing-page'], { tracksExposure: true });
    const events = await t.events();
    expect(() => JSON.stringify(events)).not.toThrow();
    expect((events.filter((e) => e.kind === 'assignment') as AssignmentEvent[])[0]).toMatchObject({ userId: 'user-42', flags: [{ flagKey: 'pricing-page', variantKey: 'annual-discount' }] });
    expect((events.filter((e) => e.kind === 'exposure') as ExposureEvent[])[0]).toMatchObject({ flagKey: 'pricing-page', variantKey: 'annual-discount' });
    expect(t.client.getStatus().events?.dropped ?? 0).toBe(0);
  });
});

describe('the Optimizely face with attribute values that are not JSON', () => {
  it('keeps them, decides, and sends a decision event that holds only JSON, dropping nothing', async () => {
    const t = makeClient();
    const user = t.client.createUserContext('user-1', { ...US_PRO, signedUpAt: new Date(0), ratio: Number.NaN, big: 2n, f: () => 1 });
    const decision = user.decide('checkout-redesign');
    expect(decision.variationKey).toBe(t.client.createUserContext('user-1', US_PRO).decide('checkout-redesign', ['DISABLE_DECISION_EVENT']).variationKey);
    expect(linesAt(t.logger, 'warn')).toEqual([]);
    const events = await t.events();
    expect(() => JSON.stringify(events)).not.toThrow();
    expect((events.filter((e) => e.kind === 'decision') as DecisionEvent[])[0]).toMatchObject({ flagKey: 'checkout-redesign', variationKey: decision.variationKey });
    expect(t.client.getStatus().events?.dropped ?? 0).toBe(0);
  });
});
