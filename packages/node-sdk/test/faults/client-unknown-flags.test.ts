// Issue 15, item 5, through a real client: 200 000 evaluations of distinct unknown flag keys make one small summary
// (counted together), not a summary of 200 000 flags, and close() still accounts for everything.
import { createClient } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { EnsignClient } from '@ensign/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultServer } from './fault-server.js';
import type { FaultServer } from './fault-server.js';

let server: FaultServer | undefined;
let client: EnsignClient | undefined;
afterEach(async () => {
  await client?.close({ timeoutMs: 0 });
  client = undefined;
  await server?.close();
  server = undefined;
});

describe('distinct unknown flag keys through a real client', () => {
  it('are counted together in one small summary', async () => {
    server = await startFaultServer(() => ({ kind: 'status', status: 202 }));
    client = createClient({ datafile: exampleDatafile, sdkKey: 'sdk-unknown-0123456789', eventsUrl: server.url, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    await client.onReady({ timeout: 1_000 });
    const context = { kind: 'user', key: 'user-1' };
    for (let i = 0; i < 200_000; i++) client.variation(`no-such-flag-${i}`, context, false);
    const result = await client.close({ timeoutMs: 5_000 });
    expect(result).toMatchObject({ pending: 0, failed: 0, dropped: 0 });
    const summaries = server.requests.flatMap((r) => (JSON.parse(r.body) as { events: { kind: string; unknownFlagEvaluations?: number; flags?: unknown[] }[] }).events).filter((e) => e.kind === 'summary');
    expect(summaries.reduce((n, s) => n + (s.unknownFlagEvaluations ?? 0), 0)).toBe(200_000);
    expect(summaries.every((s) => s.flags?.length === 0)).toBe(true);
    const bytes = server.requests.reduce((n, r) => n + r.body.length, 0);
    expect(bytes).toBeLessThan(10_000); // it was 57 MB
  });
});
