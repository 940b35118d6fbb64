// Set-up of the provider tests: a client on test data, with events delivered to an in-memory dispatcher.
import { createClient, silentLogger } from '@ensign/node-sdk';
import type { ClientOptions, EnsignClient, EnsignEvent, EventBatch } from '@ensign/node-sdk';
import { createTestData } from '@ensign/node-sdk/testing';
import type { TestData } from '@ensign/node-sdk/testing';

/** An event dispatcher that keeps what it is given. */
export function memoryDispatcher() {
  const batches: EventBatch[] = [];
  return {
    batches,
    events: (): EnsignEvent[] => batches.flatMap((b) => b.events),
    dispatch(batch: EventBatch) {
      batches.push(batch);
      return Promise.resolve({ delivered: true });
    },
  };
}

/** Test data with the flags the tests use. */
export async function standardFlags(): Promise<TestData> {
  const td = createTestData();
  await td.update(td.flag('dark-mode').variationForUser('user-beta', true).fallthroughVariation(false));
  await td.update(td.flag('banner').variations('Welcome', 'Sale').ifMatch('plan', 'pro').thenReturn(1).fallthroughVariation(0));
  await td.update(td.flag('max-items').variations(10, 50).ifMatchContext('org', 'tier', 'gold').thenReturn(1).fallthroughVariation(0));
  await td.update(td.flag('limits').valueForAll({ perDay: 5, tiers: ['a'] }));
  await td.update(td.flag('killed').on(false));
  await td.usePreconfiguredFlag({ key: 'no-off-variation', on: false, variations: [{ key: 'a', value: 'a' }] });
  return td;
}

/** A client on `source`, quiet, with events to a memory dispatcher. */
export function quietClient(options: Partial<ClientOptions>, dispatcher = memoryDispatcher()): { client: EnsignClient; dispatcher: ReturnType<typeof memoryDispatcher> } {
  const client = createClient({ logger: silentLogger, eventDispatcher: dispatcher, ...options } as ClientOptions);
  return { client, dispatcher };
}
