// The fault suite (issue 15): a real client from @ensign/node-sdk sends its events to a receiver that fails in
// every way a network can (503 then recovery, connection resets, hangs, slow bodies, bytes that are not HTTP,
// 400/401/413, 429 with Retry-After). For every mode, every event recorded is delivered, failed or dropped, and
// after close() nothing is pending: delivered + failed + dropped = recorded, and what the client calls delivered is
// exactly what the receiver accepted.
import type { Scheduler } from '@ensign/common';
import { createClient, createNodeScheduler } from '@ensign/node-sdk';
import { exampleDatafile } from '@ensign/node-sdk/examples';
import type { EnsignClient, Logger } from '@ensign/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultServer } from './fault-server.js';
import type { Fault, FaultServer } from './fault-server.js';

const SDK_KEY = 'sdk-faults-0123456789abcdef';
const IDENTIFIED = 25;
const CONVERSIONS = 5;

// The pipeline's own delays (flush interval, backoff from 1 s, Retry-After, flush and close timeouts) run ten times
// faster, so a suite of retries takes seconds. The HTTP request timeout is real time.
const SPEED = 10;
function compressedScheduler() {
  const inner = createNodeScheduler();
  const scheduler: Scheduler = {
    setTimeout: (callback, ms) => inner.setTimeout(callback, ms / SPEED),
    setInterval: (callback, ms) => inner.setInterval(callback, ms / SPEED),
  };
  return { scheduler, pending: () => inner.pending() };
}

function recordingLogger() {
  const lines: string[] = [];
  const at = (level: string) => (message: string, ...args: unknown[]) => void lines.push([level, message, ...args.map(String)].join(' '));
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, text: () => lines.join('\n') };
}

let server: FaultServer | undefined;
let client: EnsignClient | undefined;
afterEach(async () => {
  await client?.close({ timeoutMs: 0 });
  client = undefined;
  await server?.close();
  server = undefined;
});

interface Mode {
  name: string;
  plan: (n: number) => Fault;
  /** flush() timeout before close(), in (compressed) pipeline ms. */
  flushMs: number;
  expect: 'all-delivered' | 'none-delivered';
  /** Whether a rejected batch may be retried (false: one request per batch). */
  retries: boolean;
  /** The HTTP request timeout (real ms). Default 300. */
  requestTimeoutMs?: number;
}

const ok: Fault = { kind: 'status', status: 202 };
const MODES: Mode[] = [
  { name: '503 three times, then recovery', plan: (n) => (n <= 3 ? { kind: 'status', status: 503 } : ok), flushMs: 40_000, expect: 'all-delivered', retries: true },
  { name: 'connection resets, then recovery', plan: (n) => (n <= 3 ? { kind: 'reset' } : ok), flushMs: 40_000, expect: 'all-delivered', retries: true },
  // Each answer takes about 160 ms to trickle in; the request timeout leaves room for a loaded machine.
  { name: 'slow bodies', plan: () => ({ kind: 'slow', status: 200, chunks: 4, gapMs: 40 }), flushMs: 40_000, expect: 'all-delivered', retries: false, requestTimeoutMs: 3_000 },
  { name: '429 with Retry-After, then recovery', plan: (n) => (n <= 2 ? { kind: 'status', status: 429, headers: { 'retry-after': '1' } } : ok), flushMs: 40_000, expect: 'all-delivered', retries: true },
  // Requests outlive close(): they are in flight when it gives up, and must be counted before it resolves.
  { name: 'a receiver that hangs', plan: () => ({ kind: 'hang' }), flushMs: 3_000, expect: 'none-delivered', retries: true, requestTimeoutMs: 10_000 },
  { name: 'bytes that are not HTTP', plan: () => ({ kind: 'garbage' }), flushMs: 40_000, expect: 'none-delivered', retries: true },
  { name: '400 Bad Request', plan: () => ({ kind: 'status', status: 400 }), flushMs: 40_000, expect: 'none-delivered', retries: false },
  { name: '401 Unauthorized', plan: () => ({ kind: 'status', status: 401 }), flushMs: 40_000, expect: 'none-delivered', retries: false },
  { name: '413 Payload Too Large', plan: () => ({ kind: 'status', status: 413 }), flushMs: 40_000, expect: 'none-delivered', retries: false },
];

describe('a real client against a faulty receiver', () => {
  it.each(MODES)('accounts for every event: $name', async (mode) => {
    server = await startFaultServer(mode.plan);
    const { scheduler, pending } = compressedScheduler();
    const { logger, text } = recordingLogger();
    client = createClient({ datafile: exampleDatafile, sdkKey: SDK_KEY, eventsUrl: server.url, eventBatchSize: 10, eventRequestTimeoutMs: mode.requestTimeoutMs ?? 300, scheduler, logger });
    for (let i = 0; i < IDENTIFIED; i++) client.identify({ kind: 'user', key: `user-${i}` });
    for (let i = 0; i < CONVERSIONS; i++) client.track('purchase', { kind: 'user', key: `user-${i}` });
    for (let i = 0; i < 3; i++) await client.variation('checkout-redesign', { kind: 'user', key: `user-${i}` }, false);

    await client.flush({ timeoutMs: mode.flushMs });
    const before = client.getStatus().events;
    expect(before).not.toBeNull();
    const s = before as NonNullable<typeof before>;
    expect(s.recorded).toBe(s.queued + s.sent + s.failed + s.dropped);
    expect(s.recorded).toBe(IDENTIFIED + CONVERSIONS + 1); // and one summary
    const r = await client.close({ timeoutMs: 5_000 });

    // nothing pending after close(), and the events held at close() are all accounted for
    expect(r.pending).toBe(0);
    expect(r.delivered + r.failed + r.dropped).toBe(s.queued);
    const delivered = s.sent + r.delivered;
    const failed = s.failed + r.failed;
    const dropped = s.dropped + r.dropped;
    expect(delivered + failed + dropped).toBe(s.recorded);
    // what the client calls delivered is what the receiver accepted, each event once
    expect(delivered).toBe(server.acceptedIds().size);
    if (mode.expect === 'all-delivered') expect(delivered).toBe(s.recorded);
    else expect(delivered).toBe(0);
    if (!mode.retries) expect(server.requests).toHaveLength(Math.ceil(s.recorded / 10));
    expect(server.requests.every((q) => q.authorization === SDK_KEY)).toBe(true);
    expect(text()).not.toContain(SDK_KEY);
    expect(pending()).toBe(0);
  });
});
