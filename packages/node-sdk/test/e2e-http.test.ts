import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { EventBatch } from '@ensign/event-pipeline';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleDatafile } from '../src/examples.js';
import { createClient } from '../src/index.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let received: Received[];
let url: string;

beforeEach(async () => {
  received = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      received.push({ headers: req.headers, body });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('events end to end over HTTP (loopback server)', () => {
  it('delivers the events of all three faces, with the SDK key only in the header, and no private attribute anywhere', async () => {
    const sdkKey = 'sdk-e2e-0123456789abcdef';
    const logger = createRecordingLogger();
    const client = createClient({
      datafile: exampleDatafile,
      sdkKey,
      eventsUrl: url,
      logger,
      debug: true,
      privateAttributes: ['email', '/address/street'],
      assignmentConfig: { apiKey: 'amp-assign-key-0001' },
      exposureConfig: { apiKey: 'amp-expose-key-0001' },
    });
    await client.onReady({ timeout: 1_000 });

    const secrets = ['pii@example.test', '1 Secret Street', '555-0199'];
    // Optimizely face: an experiment decision and a conversion.
    const user = client.createUserContext('user-1', { country: 'US', plan: 'pro', email: secrets[0] });
    user.decide('checkout-redesign');
    user.trackEvent('purchase', { revenue: 1999 });
    // LaunchDarkly face: a tracked flag, a custom event, an identify.
    const org = {
      kind: 'multi',
      user: { key: 'user-2', email: secrets[0], address: { street: secrets[1], city: 'Springfield' } },
      org: { key: 'org-1', tier: 'enterprise', _meta: { privateAttributes: ['phone'] }, phone: secrets[2] },
    };
    client.variation('enterprise-dashboard', org, 'classic');
    client.track('report-exported', org, { rows: 10 });
    client.identify(org);
    // Amplitude face: assignment and exposure.
    client.evaluate({ user_id: 'user-3', device_id: 'device-3', email: secrets[0], user_properties: { country: 'UK' } } as never, undefined, { tracksExposure: true });

    const result = await client.close({ timeoutMs: 5_000 });
    expect(result.pending + result.failed + result.dropped).toBe(0);

    const batches = received.map((r) => JSON.parse(r.body) as EventBatch);
    const kinds = new Set(batches.flatMap((b) => b.events.map((e) => e.kind)));
    expect([...kinds].sort()).toEqual(['assignment', 'conversion', 'decision', 'exposure', 'identify', 'index', 'summary']);
    for (const r of received) {
      expect(r.headers['authorization']).toBe(sdkKey);
      expect(r.headers['content-type']).toBe('application/json');
      for (const secret of [...secrets, sdkKey]) expect(r.body).not.toContain(secret);
    }
    const redacted = batches.flatMap((b) => b.events).filter((e) => e.kind === 'identify');
    expect(redacted).toMatchObject([
      { context: { kind: 'multi', user: { key: 'user-2', address: { city: 'Springfield' }, _meta: { redactedAttributes: ['/address/street', 'email'] } }, org: { key: 'org-1', tier: 'enterprise', _meta: { redactedAttributes: ['phone'] } } } },
    ]);
    expect(logger.text()).not.toContain(sdkKey);
  });
});
