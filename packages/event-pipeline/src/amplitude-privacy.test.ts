// Issue 15, item 2: a private device id must not leave in Amplitude events, neither in their identity fields nor
// in ids derived from it (`insertId`). A context as the Amplitude face builds it (`amplitudeUserToContext`): a user
// keyed by user_id holding user_id and device_id as attributes, with the ids also passed explicitly.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import type { AssignmentEvent, ExposureEvent } from './events.js';
import { javaHashCode } from './java-hash-code.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import { createRecordingLogger } from './testing/recording-logger.js';

const DAY = 86_400_000;
const START = 20_000 * DAY + 1_234;
const DEVICE = 'dev-SECRET-1';

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(START));
  const dispatcher = createFakeDispatcher();
  const logger = createRecordingLogger();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, logger, ...extra });
  const run = async (context: Context, ids: { userId?: string | null; deviceId?: string | null }) => {
    const outcomes = [
      pipeline.recordAssignment({ context, ...ids, flags: [{ flagKey: 'f', variantKey: 'on' }] }),
      pipeline.recordExposure({ context, ...ids, flagKey: 'f', variantKey: 'on' }),
    ];
    await pipeline.close();
    const events = dispatcher.delivered();
    return {
      outcomes,
      assignment: events.find((e) => e.kind === 'assignment') as AssignmentEvent | undefined,
      exposure: events.find((e) => e.kind === 'exposure') as ExposureEvent | undefined,
      payload: JSON.stringify(dispatcher.batches),
      logs: logger.text(),
    };
  };
  return { pipeline, run };
}

const ampUser = (extraMeta?: object): Context =>
  ({ kind: 'user', key: 'user-1', user_id: 'user-1', device_id: DEVICE, user_properties: { plan: 'pro' }, ...(extraMeta ? { _meta: extraMeta } : {}) }) as Context;

describe('Amplitude events and a private device id', () => {
  it.each([
    ['privateAttributes: [device_id]', { privateAttributes: ['device_id'] }, ampUser()],
    ['allAttributesPrivate', { allAttributesPrivate: true }, ampUser()],
    ['_meta.privateAttributes: [device_id]', {}, ampUser({ privateAttributes: ['device_id'] })],
  ] as const)('with %s, sends neither the id nor anything derived from it', async (_name, options, context) => {
    const { run } = setup(options);
    const r = await run(context, { userId: 'user-1', deviceId: DEVICE });
    expect(r.outcomes).toEqual(['queued', 'queued']);
    expect(r.payload).not.toContain('SECRET');
    expect(r.logs).not.toContain('SECRET');
    expect(r.assignment).toMatchObject({ userId: 'user-1', deviceId: null });
    expect(r.exposure).toMatchObject({ userId: 'user-1', deviceId: null });
    // the insert ids hash the public ids only: the missing one is empty in the hashed canonical string (Amplitude's
    // `safeStringTrim`) and "undefined" in the prefix (its template)
    const day = Math.floor(START / DAY);
    expect(r.assignment?.insertId).toBe(`user-1 undefined ${javaHashCode('user-1  f on ')} ${day}`);
    expect(r.exposure?.insertId).toBe(`user-1 undefined ${javaHashCode('f user-1  f on ')} ${day}`);
  });

  it('still sends a device id that is not private (the check can fail)', async () => {
    const { run } = setup();
    const r = await run(ampUser(), { userId: 'user-1', deviceId: DEVICE });
    expect(r.assignment).toMatchObject({ userId: 'user-1', deviceId: DEVICE });
    expect(r.payload).toContain(DEVICE);
  });

  it('drops, and counts, an Amplitude event whose only id is private', async () => {
    const { run, pipeline } = setup({ privateAttributes: ['device_id'] });
    // a device-only user: amplitudeUserToContext keys it by its device id
    const deviceOnly = { kind: 'user', key: DEVICE, device_id: DEVICE } as Context;
    const r = await run(deviceOnly, { userId: null, deviceId: DEVICE });
    expect(r.outcomes).toEqual(['dropped', 'dropped']);
    expect(r.payload).not.toContain('SECRET');
    expect(pipeline.stats().dropReasons['private-identity']).toBe(2);
    expect(r.logs).toContain('private');
    expect(r.logs).not.toContain('SECRET');
  });

  it('treats an explicit id equal to a nested private value as private', async () => {
    const { run } = setup({ privateAttributes: ['/user_properties/email'] });
    const context = { kind: 'user', key: 'user-1', user_properties: { email: 'SECRET@example.com' } } as Context;
    const r = await run(context, { userId: 'user-1', deviceId: 'SECRET@example.com' });
    expect(r.assignment).toMatchObject({ userId: 'user-1', deviceId: null });
    expect(r.payload).not.toContain('SECRET');
  });

  it('keeps deduplicating per real identity when the device id is private', () => {
    const { pipeline } = setup({ privateAttributes: ['device_id'] });
    const input = { context: ampUser(), userId: 'user-1', deviceId: DEVICE, flags: [{ flagKey: 'f', variantKey: 'on' }] };
    expect(pipeline.recordAssignment(input)).toBe('queued');
    expect(pipeline.recordAssignment(input)).toBe('deduplicated');
  });
});

describe('a context key equal to a private attribute value', () => {
  it('is never sent: every event that would carry it is dropped and counted', async () => {
    const scheduler = createFakeScheduler(createFakeClock(START));
    const dispatcher = createFakeDispatcher();
    const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, privateAttributes: ['device_id'] });
    const deviceOnly = { kind: 'user', key: DEVICE, device_id: DEVICE } as Context;
    expect(pipeline.recordDecision({ context: deviceOnly, flagKey: 'f', variationKey: 'on', value: true, track: true })).toBe('dropped');
    expect(pipeline.recordIdentify(deviceOnly)).toBe('dropped');
    expect(pipeline.recordConversion({ context: deviceOnly, eventKey: 'buy' })).toBe('dropped');
    await pipeline.close();
    const payload = JSON.stringify(dispatcher.batches);
    expect(payload).not.toContain('SECRET');
    expect(payload).toContain('"summary"'); // the evaluation is still counted
    const st = pipeline.stats();
    expect(st.dropReasons['private-identity']).toBeGreaterThanOrEqual(3);
    expect(st.sent + st.failed + st.dropped).toBe(st.recorded);
  });
});

describe('the private key check', () => {
  const run = (context: Context, privateAttributes: string[] = []) => {
    const scheduler = createFakeScheduler(createFakeClock(START));
    const pipeline = createEventPipeline({ dispatcher: createFakeDispatcher(), scheduler, clock: scheduler.clock, privateAttributes });
    return pipeline.recordIdentify(context);
  };

  it('follows _meta.privateAttributes, nested references and every kind of a multi-kind context', () => {
    expect(run({ kind: 'user', key: 'k-1', email: 'k-1', _meta: { privateAttributes: ['email'] } } as Context)).toBe('dropped');
    expect(run({ kind: 'user', key: 'k-1', address: { street: 'k-1' } } as Context, ['/address/street'])).toBe('dropped');
    expect(run({ kind: 'user', key: 'k-1', ids: { list: ['x', 'k-1'] } } as Context, ['ids'])).toBe('dropped');
    expect(run({ kind: 'multi', user: { key: 'u' }, device: { key: 'd-1', serial: 'd-1', _meta: { privateAttributes: ['serial'] } } } as Context)).toBe('dropped');
  });

  it('leaves alone a key equal to a public value, a protected name, or a value removed by allAttributesPrivate only', () => {
    expect(run({ kind: 'user', key: 'k-1', email: 'k-1' } as Context)).toBe('queued');
    expect(run({ kind: 'user', key: 'k-1', email: 'other' } as Context, ['email'])).toBe('queued');
    expect(run({ kind: 'user', key: 'k-1', _meta: { privateAttributes: ['key', 'kind', '/_meta'] } } as Context, ['key'])).toBe('queued');
    const scheduler = createFakeScheduler(createFakeClock(START));
    const all = createEventPipeline({ dispatcher: createFakeDispatcher(), scheduler, clock: scheduler.clock, allAttributesPrivate: true });
    expect(all.recordIdentify({ kind: 'user', key: 'd-1', device_id: 'd-1' } as Context)).toBe('queued');
  });
});
