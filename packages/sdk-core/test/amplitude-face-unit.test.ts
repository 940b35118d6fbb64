import { describe, expect, it } from 'vitest';
import type { AmplitudeUser } from './client.js';
import { createClient, exampleDatafile, silentLogger } from './client.js';

describe('the Amplitude face with one flag key', () => {
  it('gives, for one key, the variant that a call with several keys gives for it', () => {
    const client = createClient({ datafile: exampleDatafile, logger: silentLogger });
    const keys = exampleDatafile.flags.map((f) => f.key);
    const users: AmplitudeUser[] = [
      { user_id: 'user-42', device_id: 'd-1', user_properties: { country: 'UK' } },
      { user_id: 'user-beta-1', user_properties: { plan: 'pro' } },
      { device_id: 'device-7' },
      { user_id: 'user-9', country: 'US', user_properties: { plan: 'free' } },
    ];
    for (const user of users) {
      const all = client.evaluate(user, [...keys, 'no-such-flag']);
      for (const key of [...keys, 'no-such-flag']) expect(client.evaluate(user, [key])).toEqual(key in all ? { [key]: all[key] } : {});
    }
    void client.close();
  });

  it('returns new variant objects on every call, never shared metadata', () => {
    const client = createClient({ datafile: exampleDatafile, logger: silentLogger });
    const user = { user_id: 'user-42', device_id: 'd-1', user_properties: { country: 'UK' } };
    const first = client.evaluate(user, ['pricing-page'])['pricing-page'];
    const second = client.evaluate(user, ['pricing-page'])['pricing-page'];
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
    expect(first?.metadata).not.toBe(second?.metadata);
    void client.close();
  });
});
