import { describe, expect, it } from 'vitest';
import { exampleDatafile } from './client.js';
import { exampleWith, linesAt, makeClient } from './helpers.js';

const PRICING_METADATA = {
  flagType: 'experiment',
  flagVersion: 9,
  deployed: true,
  evaluationMode: 'local',
  experimentKey: 'exp-pricing-1',
  deliveryMethod: 'feature',
};

/** Device ids whose `pricing-page` variant is `key`, among device-0, device-1, ... */
function devicesIn(client: ReturnType<typeof makeClient>['client'], key: string | undefined, count = 1): string[] {
  const found: string[] = [];
  for (let i = 0; i < 2_000 && found.length < count; i++) {
    const id = `device-${i}`;
    if (client.evaluate({ device_id: id }, ['pricing-page'])['pricing-page']?.key === key) found.push(id);
  }
  return found;
}

describe('the Amplitude face: evaluate', () => {
  it('serves a segment variant with its value, payload and merged metadata', () => {
    const { client } = makeClient();
    const variants = client.evaluate({ user_id: 'user-42', device_id: 'd-1', user_properties: { country: 'UK' } }, ['pricing-page']);
    expect(variants).toEqual({
      'pricing-page': {
        key: 'annual-discount',
        value: 'annual-discount',
        payload: { monthlyPrice: 8, badge: 'Save 20%' },
        metadata: { ...PRICING_METADATA, segmentName: 'UK Users' },
      },
    });
  });

  it('splits the bucketed half of other users between control and annual-discount, and serves the rest the default', () => {
    const { client } = makeClient();
    const [control] = devicesIn(client, 'control');
    const [discount] = devicesIn(client, 'annual-discount');
    const [off] = devicesIn(client, 'off');
    expect(client.evaluate({ device_id: control! }, ['pricing-page'])['pricing-page']).toEqual({
      key: 'control', value: 'control', payload: { monthlyPrice: 10, badge: null }, metadata: { ...PRICING_METADATA, segmentName: 'All Other Users' },
    });
    expect(discount).toBeDefined();
    // The off variant has no value, and is marked default as Amplitude's is.
    expect(client.evaluate({ device_id: off! }, ['pricing-page'])['pricing-page']).toEqual({
      key: 'off', metadata: { ...PRICING_METADATA, segmentName: 'All Other Users', default: true },
    });
  });

  it('allocates about half of the devices to the experiment', () => {
    const { client } = makeClient();
    let inExperiment = 0;
    for (let i = 0; i < 2_000; i++) {
      const key = client.evaluate({ device_id: `dev-${i}` }, ['pricing-page'])['pricing-page']?.key;
      if (key === 'control' || key === 'annual-discount') inExperiment++;
    }
    expect(inExperiment).toBeGreaterThan(900);
    expect(inExperiment).toBeLessThan(1_100);
  });

  it('evaluates every flag without flagKeys, as strings for non-string values', () => {
    const { client } = makeClient();
    const variants = client.evaluate({ user_id: 'user-beta-1', user_properties: { plan: 'pro' } });
    expect(Object.keys(variants)).toEqual(exampleDatafile.flags.map((f) => f.key));
    // A variant always has metadata, {} when there is none, as Amplitude's evaluation gives it.
    expect(variants['dark-mode']).toEqual({ key: 'true', value: 'true', metadata: {} });
    expect(variants['max-cart-items']).toEqual({ key: 'standard', value: '20', metadata: { default: true } });
    expect(variants['homepage-hero']?.value).toBe(JSON.stringify(exampleDatafile.flags.find((f) => f.key === 'homepage-hero')?.variations[1]?.value));
  });

  it('leaves out unknown flags and flags that serve no variation; evaluateV2 is the same call', () => {
    const datafile = exampleWith((d) => {
      const flag = d.flags.find((f) => f.key === 'legacy-banner');
      if (flag) delete flag.offVariation;
    });
    const { client } = makeClient({ datafile });
    expect(client.evaluate({ user_id: 'u' }, ['no-such-flag', 'legacy-banner'])).toEqual({});
    expect(client.evaluateV2({ user_id: 'u', user_properties: { country: 'UK' } }, ['pricing-page'])['pricing-page']?.key).toBe('annual-discount');
  });

  it('evaluates a user without user_id and device_id, as Amplitude does (its key is empty)', () => {
    const { client } = makeClient();
    const variants = client.evaluate({} as never);
    expect(Object.keys(variants).length).toBeGreaterThan(0);
    expect(variants['max-cart-items']).toEqual({ key: 'standard', value: '20', metadata: { default: true } });
  });

  it('returns {} with a warning for an invalid user or before ready', () => {
    const { client, logger } = makeClient();
    expect(client.evaluate(null as never)).toEqual({});
    // A property that cannot be read. (A value that is not JSON, such as a function, is evaluated as Amplitude's
    // engine evaluates it: see non-json-values.test.ts.)
    const unreadable = Object.defineProperty({}, 'bad', { enumerable: true, get: () => { throw new Error('unreadable'); } });
    expect(client.evaluate({ user_properties: unreadable } as never)).toEqual({});
    expect(linesAt(logger, 'warn').some((l) => l.includes('invalid user'))).toBe(true);
    const { client: notReady } = makeClient({ datafile: '{}' });
    expect(notReady.evaluate({ user_id: 'u' })).toEqual({});
  });
});
