// Issue 15, item 2, through a real client: the Amplitude face passes `device_id` again as the event's device id.
// With `device_id` private (by name, or with allAttributesPrivate), no request carries it, in any field of any
// event kind, nor hashed into an insert id; a user whose only id is private sends no Amplitude event at all.
import { createClient } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { ClientOptions, EnsignClient } from '@ensign/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultServer } from './fault-server.js';
import type { FaultServer } from './fault-server.js';

const DEVICE = 'device-PRIVATE-42';

let server: FaultServer | undefined;
let client: EnsignClient | undefined;
afterEach(async () => {
  await client?.close({ timeoutMs: 0 });
  client = undefined;
  await server?.close();
  server = undefined;
});

async function run(privacy: Partial<ClientOptions>, user: Record<string, unknown>) {
  server = await startFaultServer(() => ({ kind: 'status', status: 202 }));
  client = createClient({
    datafile: exampleDatafile,
    sdkKey: 'sdk-privacy-0123456789',
    eventsUrl: server.url,
    assignmentConfig: { apiKey: 'amp-assign-0001' },
    exposureConfig: { apiKey: 'amp-expose-0001' },
    ...privacy,
  });
  await client.onReady({ timeout: 1_000 });
  client.evaluate(user as never, undefined, { tracksExposure: true });
  const before = client.getStatus().events;
  const result = await client.close({ timeoutMs: 5_000 });
  const events = server.requests.flatMap((r) => (JSON.parse(r.body) as { events: { kind: string; userId?: string | null; deviceId?: string | null }[] }).events);
  return { result, before, events, bodies: server.requests.map((r) => r.body).join('\n') };
}

describe('a private device id through a real client', () => {
  it.each([
    ['privateAttributes: [device_id]', { privateAttributes: ['device_id'] }],
    ['allAttributesPrivate', { allAttributesPrivate: true }],
  ] as const)('with %s, leaves in no request', async (_name, privacy) => {
    const r = await run(privacy, { user_id: 'user-42', device_id: DEVICE, user_properties: { plan: 'pro' } });
    expect(r.bodies).not.toContain('PRIVATE');
    const amplitude = r.events.filter((e) => e.kind === 'assignment' || e.kind === 'exposure');
    expect(amplitude.length).toBeGreaterThan(0);
    for (const e of amplitude) expect(e).toMatchObject({ userId: 'user-42', deviceId: null });
    expect(r.result.pending).toBe(0);
  });

  it('sends no Amplitude event, and counts it, for a user whose only id is private', async () => {
    const r = await run({ privateAttributes: ['device_id'] }, { device_id: DEVICE });
    expect(r.bodies).not.toContain('PRIVATE');
    expect(r.events.filter((e) => e.kind === 'assignment' || e.kind === 'exposure')).toEqual([]);
    expect(r.before?.dropReasons['private-identity']).toBeGreaterThan(0);
  });

  it('sends a device id that is not private (the check can fail)', async () => {
    const r = await run({}, { user_id: 'user-42', device_id: DEVICE });
    expect(r.bodies).toContain(DEVICE);
  });
});
