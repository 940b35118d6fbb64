// The evaluation hook against the OpenTelemetry SDK's in-memory exporters: span events and the evaluation counter.
import { trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOtelHook } from '../src/index.js';
import { setUpTelemetry, testClient } from './setup.js';
import type { Telemetry } from './setup.js';

let telemetry: Telemetry;
beforeEach(() => {
  telemetry = setUpTelemetry();
});
afterEach(async () => {
  await telemetry.shutdown();
});

describe('createOtelHook', () => {
  it('adds a feature_flag.evaluation event with the semantic-convention attributes to the active span', async () => {
    const { client } = await testClient({ hooks: [createOtelHook({ meter: telemetry.meterProvider.getMeter('test') })] });
    trace.getTracer('app').startActiveSpan('GET /checkout', (span) => {
      client.stringVariation('banner', { kind: 'user', key: 'user-42', plan: 'pro' }, '');
      client.boolVariation('dark-mode', { kind: 'multi', user: { key: 'u1' }, org: { key: 'o:1' } }, false);
      span.end();
    });
    const [span] = telemetry.spans.getFinishedSpans();
    expect(span?.name).toBe('GET /checkout');
    expect(span?.events.map((e) => [e.name, e.attributes])).toEqual([
      ['feature_flag.evaluation', {
        'feature_flag.key': 'banner',
        'feature_flag.provider.name': 'ensign',
        'feature_flag.result.variant': '1',
        'feature_flag.result.reason': 'targeting_match',
        'feature_flag.context.id': 'user-42',
        'feature_flag.version': '2',
      }],
      ['feature_flag.evaluation', {
        'feature_flag.key': 'dark-mode',
        'feature_flag.provider.name': 'ensign',
        'feature_flag.result.variant': '1',
        'feature_flag.result.reason': 'default',
        'feature_flag.context.id': 'org:o%3A1:user:u1',
        'feature_flag.version': '2',
      }],
    ]);
    await client.close();
  });

  it('reports errors with error.type and no variant, and the value only when asked', async () => {
    const { client } = await testClient({ hooks: [createOtelHook({ countEvaluations: false, includeValue: true, providerName: 'flags' })] });
    trace.getTracer('app').startActiveSpan('job', (span) => {
      client.boolVariation('no-such-flag', { kind: 'user', key: 'u' }, false);
      client.stringVariation('banner', { kind: 'user', key: 'u' }, '');
      span.end();
    });
    const events = telemetry.spans.getFinishedSpans()[0]?.events ?? [];
    expect(events[0]?.attributes).toMatchObject({ 'feature_flag.key': 'no-such-flag', 'feature_flag.result.reason': 'error', 'error.type': 'flag_not_found', 'feature_flag.provider.name': 'flags' });
    expect(events[0]?.attributes).not.toHaveProperty('feature_flag.result.variant');
    expect(events[1]?.attributes).toMatchObject({ 'feature_flag.result.value': 'Welcome', 'feature_flag.result.reason': 'default' });
    await client.close();
  });

  it('records the evaluations of every face, outside spans too, on ensign.flag.evaluations', async () => {
    const { client } = await testClient({ hooks: [createOtelHook({ meter: telemetry.meterProvider.getMeter('test') })] });
    client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta' }, false);
    client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta' }, false);
    client.boolVariation('dark-mode', { kind: 'user', key: 'someone' }, false);
    client.createUserContext('user-beta').decide('dark-mode');
    const points = (await telemetry.collect()).filter((p) => p.name === 'ensign.flag.evaluations');
    expect(points).toEqual(expect.arrayContaining([
      { name: 'ensign.flag.evaluations', value: 3, attributes: { 'feature_flag.key': 'dark-mode', 'feature_flag.result.reason': 'targeting_match', 'feature_flag.result.variant': '0' } },
      { name: 'ensign.flag.evaluations', value: 1, attributes: { 'feature_flag.key': 'dark-mode', 'feature_flag.result.reason': 'default', 'feature_flag.result.variant': '1' } },
    ]));
    expect(points).toHaveLength(2);
    expect(telemetry.spans.getFinishedSpans()).toHaveLength(0);
    await client.close();
  });

  it('adds nothing when there is no active span', async () => {
    const hook = createOtelHook({ countEvaluations: false });
    const { client } = await testClient({ hooks: [hook] });
    expect(client.boolVariation('dark-mode', { kind: 'user', key: 'user-beta' }, false)).toBe(true);
    const span = trace.getTracer('app').startSpan('not active');
    span.end();
    expect(telemetry.spans.getFinishedSpans()[0]?.events).toEqual([]);
    await client.close();
  });
});
