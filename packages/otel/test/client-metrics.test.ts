// The status metrics against the OpenTelemetry SDK's in-memory metric exporter: events queued, delivered and
// dropped, and the datafile age, read from client.getStatus() at collection time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instrumentClient, observeClient } from '../src/index.js';
import { setUpTelemetry, testClient } from './setup.js';
import type { Telemetry } from './setup.js';

let telemetry: Telemetry;
beforeEach(() => {
  telemetry = setUpTelemetry();
});
afterEach(async () => {
  await telemetry.shutdown();
});

const valueOf = (points: Array<{ name: string; value: number; attributes: Record<string, unknown> }>, name: string, attributes: Record<string, unknown> = {}) =>
  points.filter((p) => p.name === name && Object.entries(attributes).every(([k, v]) => p.attributes[k] === v)).reduce((sum, p) => sum + p.value, 0);

describe('observeClient', () => {
  it('reports events queued, then delivered, and the datafile age in seconds', async () => {
    const { client, scheduler } = await testClient();
    const observed = observeClient(client, { meter: telemetry.meterProvider.getMeter('test') });
    client.track('purchase', { kind: 'user', key: 'u1' });
    client.track('purchase', { kind: 'user', key: 'u2' });
    scheduler.clock.advance(90_000);
    let points = await telemetry.collect();
    expect(valueOf(points, 'ensign.events.queued')).toBeGreaterThanOrEqual(2);
    expect(valueOf(points, 'ensign.events.delivered')).toBe(0);
    expect(valueOf(points, 'ensign.datafile.age')).toBe(90);

    await client.flush();
    points = await telemetry.collect();
    expect(valueOf(points, 'ensign.events.queued')).toBe(0);
    expect(valueOf(points, 'ensign.events.delivered')).toBe(client.getStatus().events?.sent);
    expect(valueOf(points, 'ensign.events.delivered')).toBeGreaterThanOrEqual(2);
    observed.stop();
    await client.close();
  });

  it('reports dropped events by reason when the queue is full', async () => {
    const { client } = await testClient({ eventQueueCapacity: 1 });
    observeClient(client, { meter: telemetry.meterProvider.getMeter('test'), attributes: { 'ensign.client': 'checkout' } });
    for (let i = 0; i < 5; i++) client.track('purchase', { kind: 'user', key: `u${i}` });
    const points = await telemetry.collect();
    const dropped = client.getStatus().events?.dropped ?? 0;
    expect(dropped).toBeGreaterThan(0);
    expect(valueOf(points, 'ensign.events.dropped', { 'ensign.client': 'checkout' })).toBe(dropped);
    const reasons = points.filter((p) => p.name === 'ensign.events.dropped' && p.value > 0).map((p) => p.attributes['ensign.drop_reason']);
    expect(reasons.length).toBeGreaterThan(0);
    await client.close();
  });

  it('stops observing after stop()', async () => {
    const { client, scheduler } = await testClient();
    const observed = observeClient(client, { meter: telemetry.meterProvider.getMeter('test') });
    scheduler.clock.advance(10_000);
    expect(valueOf(await telemetry.collect(), 'ensign.datafile.age')).toBe(10);
    observed.stop();
    scheduler.clock.advance(50_000);
    expect(valueOf(await telemetry.collect(), 'ensign.datafile.age')).not.toBe(60);
    await client.close();
  });
});

describe('instrumentClient', () => {
  it('adds the hook and the status metrics to a running client', async () => {
    const { client } = await testClient();
    const otel = instrumentClient(client, { meter: telemetry.meterProvider.getMeter('test') });
    client.stringVariation('banner', { kind: 'user', key: 'u', plan: 'pro' }, '');
    const points = await telemetry.collect();
    expect(valueOf(points, 'ensign.flag.evaluations', { 'feature_flag.key': 'banner', 'feature_flag.result.variant': '1' })).toBe(1);
    expect(points.some((p) => p.name === 'ensign.datafile.age')).toBe(true);
    otel.stop();
    await client.close();
  });
});
