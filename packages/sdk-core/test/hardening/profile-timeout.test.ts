// Issue 15, item 10: an async profile service whose lookup never settles must not hang decideAsync.
import { describe, expect, it } from 'vitest';
import { EnsignError } from '@ensign/common';
import { makeClient } from '../helpers.js';

const never = () => new Promise<never>(() => {});

describe('decide*Async with a userProfileServiceAsync that never answers', () => {
  it('decides without the profile after userProfileServiceAsyncTimeoutMs, logging once', async () => {
    const saved: unknown[] = [];
    const { client, logger, scheduler } = makeClient({
      userProfileServiceAsync: { lookup: never, save: async (p) => void saved.push(p) },
      userProfileServiceAsyncTimeoutMs: 250,
    });
    const user = client.createUserContext('user-1', { country: 'US', plan: 'pro' });
    const one = user.decideAsync('checkout-redesign');
    const keys = user.decideForKeysAsync(['checkout-redesign']);
    const all = user.decideAllAsync();
    await scheduler.advanceAsync(300);
    const [decision, forKeys, everything] = await Promise.all([one, keys, all]);
    expect(['control', 'treatment']).toContain(decision.variationKey);
    expect(forKeys['checkout-redesign']?.variationKey).toBe(decision.variationKey);
    expect(everything['checkout-redesign']?.variationKey).toBe(decision.variationKey);
    // A profile that could not be read is not overwritten.
    expect(saved).toEqual([]);
    const lines = logger.lines.filter((l) => l.message.includes('userProfileServiceAsync.lookup'));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.message).toContain('250 ms');
  });

  it('times out after 1 000 ms by default', async () => {
    const { client, scheduler } = makeClient({ userProfileServiceAsync: { lookup: never, save: async () => {} } });
    let settled = false;
    const pending = client.createUserContext('user-1', {}).decideAsync('checkout-redesign').then((d) => {
      settled = true;
      return d;
    });
    await scheduler.advanceAsync(900);
    expect(settled).toBe(false);
    await scheduler.advanceAsync(200);
    expect(settled).toBe(true);
    expect((await pending).flagKey).toBe('checkout-redesign');
  });

  it('does not wait on a save that never settles either', async () => {
    const { client, scheduler } = makeClient({
      userProfileServiceAsync: { lookup: async () => null, save: never },
      userProfileServiceAsyncTimeoutMs: 100,
    });
    const pending = client.createUserContext('user-1', {}).decideAsync('checkout-redesign');
    await scheduler.advanceAsync(150);
    expect((await pending).flagKey).toBe('checkout-redesign');
  });

  it('rejects a timeout that is not a positive integer', () => {
    expect(() => makeClient({ userProfileServiceAsyncTimeoutMs: 0 })).toThrow(EnsignError);
    expect(() => makeClient({ userProfileServiceAsyncTimeoutMs: 1.5 })).toThrow(/userProfileServiceAsyncTimeoutMs/);
  });
});
