import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { assignmentCanonical, resolveIdentity } from './amplitude-identity.js';
import { javaHashCode } from './java-hash-code.js';
import { createEventPipeline } from './event-pipeline.js';
import type { AssignmentEvent, ExposureEvent } from './events.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';

const DAY = 86_400_000;
const START = 20_000 * DAY + 1_234;

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(START));
  const dispatcher = createFakeDispatcher();
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, ...extra });
  const sent = async <K extends 'assignment' | 'exposure'>(kind: K) => {
    await pipeline.flush();
    return dispatcher.delivered().filter((e) => e.kind === kind) as (K extends 'assignment' ? AssignmentEvent : ExposureEvent)[];
  };
  return { scheduler, dispatcher, pipeline, sent };
}

const amp: Context = { kind: 'multi', user: { key: 'user123', plan: 'pro' }, device: { key: 'device456' } };
const flags = [
  { flagKey: 'flag-key-2', variantKey: 'control', flagVersion: 3, ruleKey: 'All Other Users', isDefault: false },
  { flagKey: 'flag-key-1', variantKey: 'on', flagVersion: 7, ruleKey: 'Segment 1' },
];

describe('Amplitude identity', () => {
  it('takes user_id and device_id from the user and device kinds of a context', () => {
    expect(resolveIdentity(amp, {})).toEqual({ userId: 'user123', deviceId: 'device456' });
    expect(resolveIdentity({ kind: 'user', key: 'u' }, {})).toEqual({ userId: 'u', deviceId: null });
    expect(resolveIdentity({ kind: 'device', key: 'd' }, {})).toEqual({ userId: null, deviceId: 'd' });
    expect(resolveIdentity({ kind: 'organization', key: 'o' }, {})).toEqual({ userId: null, deviceId: null });
  });

  it('lets the caller name the ids', () => {
    expect(resolveIdentity(amp, { userId: 'explicit', deviceId: null })).toEqual({ userId: 'explicit', deviceId: null });
  });

  it('builds the canonical string of the Amplitude Node SDK test', () => {
    // ampnode packages/node/test/exposure/exposure.test.ts (vendor-formats 3.5)
    expect(assignmentCanonical({ userId: 'user123', deviceId: 'device456' }, flags)).toBe('user123 device456 flag-key-1 on flag-key-2 control ');
  });
});

describe('assignment events', () => {
  it('sends one event per user and set of flags, with Amplitude\'s insert id', async () => {
    const { pipeline, sent } = setup();
    expect(pipeline.recordAssignment({ context: amp, flags })).toBe('queued');
    const [event, ...rest] = await sent('assignment');
    expect(rest).toHaveLength(0);
    expect(event).toEqual({
      kind: 'assignment',
      id: expect.any(String),
      timestamp: START,
      context: { kind: 'multi', user: { key: 'user123', plan: 'pro' }, device: { key: 'device456' } },
      userId: 'user123',
      deviceId: 'device456',
      flags: [
        { flagKey: 'flag-key-2', variantKey: 'control', flagVersion: 3, ruleKey: 'All Other Users', isDefault: false },
        { flagKey: 'flag-key-1', variantKey: 'on', flagVersion: 7, ruleKey: 'Segment 1', isDefault: false },
      ],
      // hashCode of the canonical string is 1959595651 (vendor-formats 3.5)
      insertId: 'user123 device456 1959595651 20000',
    });
  });

  it('deduplicates the same user and flags within the window, in any order', async () => {
    const { pipeline, sent } = setup();
    pipeline.recordAssignment({ context: amp, flags });
    expect(pipeline.recordAssignment({ context: amp, flags: [...flags].reverse() })).toBe('deduplicated');
    expect(await sent('assignment')).toHaveLength(1);
  });

  it('sends again when a variant changes, for another user, or once the window has passed', async () => {
    const { pipeline, scheduler, sent } = setup({ assignmentDedup: { ttlMs: 60_000 } });
    pipeline.recordAssignment({ context: amp, flags });
    expect(pipeline.recordAssignment({ context: amp, flags: [{ flagKey: 'flag-key-1', variantKey: 'off' }] })).toBe('queued');
    expect(pipeline.recordAssignment({ context: amp, flags, userId: 'someone-else' })).toBe('queued');
    scheduler.clock.advance(59_999);
    expect(pipeline.recordAssignment({ context: amp, flags })).toBe('deduplicated');
    scheduler.clock.advance(1);
    expect(pipeline.recordAssignment({ context: amp, flags })).toBe('queued');
    expect(await sent('assignment')).toHaveLength(4);
  });

  it('remembers at most its capacity of keys', () => {
    const { pipeline } = setup({ assignmentDedup: { capacity: 1 } });
    const other = { ...amp, user: { key: 'user999' } };
    pipeline.recordAssignment({ context: amp, flags });
    pipeline.recordAssignment({ context: other, flags });
    expect(pipeline.recordAssignment({ context: amp, flags })).toBe('queued');
  });

  it('keeps two contexts without user or device ids apart', () => {
    const { pipeline } = setup();
    expect(pipeline.recordAssignment({ context: { kind: 'organization', key: 'o1' }, flags })).toBe('queued');
    expect(pipeline.recordAssignment({ context: { kind: 'organization', key: 'o2' }, flags })).toBe('queued');
    expect(pipeline.recordAssignment({ context: { kind: 'organization', key: 'o1' }, flags })).toBe('deduplicated');
  });

  it('skips an assignment without flags', () => {
    const { pipeline } = setup();
    expect(pipeline.recordAssignment({ context: amp, flags: [] })).toBe('skipped');
  });
});

describe('exposure events', () => {
  it('sends one event for a variant actually served', async () => {
    const { pipeline, sent } = setup();
    expect(pipeline.recordExposure({ context: amp, flagKey: 'flag-key-1', variantKey: 'on', experimentKey: 'exp-1', metadata: { segment: 'Segment 1' } })).toBe('queued');
    const [event] = await sent('exposure');
    expect(event).toEqual({
      kind: 'exposure',
      id: expect.any(String),
      timestamp: START,
      context: { kind: 'multi', user: { key: 'user123', plan: 'pro' }, device: { key: 'device456' } },
      userId: 'user123',
      deviceId: 'device456',
      flagKey: 'flag-key-1',
      variantKey: 'on',
      experimentKey: 'exp-1',
      metadata: { segment: 'Segment 1' },
      insertId: expect.stringMatching(/^user123 device456 -?\d+ 20000$/),
    });
  });

  it('skips default variants, unserved flags and flags with trackExposure false', async () => {
    const { pipeline, sent } = setup();
    expect(pipeline.recordExposure({ context: amp, flagKey: 'a', variantKey: 'off', isDefault: true })).toBe('skipped');
    expect(pipeline.recordExposure({ context: amp, flagKey: 'b', variantKey: null })).toBe('skipped');
    expect(pipeline.recordExposure({ context: amp, flagKey: 'c', variantKey: 'on', trackExposure: false })).toBe('skipped');
    expect(await sent('exposure')).toHaveLength(0);
  });

  it('deduplicates per user, flag and variant within the window', async () => {
    const { pipeline, scheduler, sent } = setup({ exposureDedup: { ttlMs: 1_000 } });
    pipeline.recordExposure({ context: amp, flagKey: 'f', variantKey: 'on' });
    expect(pipeline.recordExposure({ context: amp, flagKey: 'f', variantKey: 'on' })).toBe('deduplicated');
    expect(pipeline.recordExposure({ context: amp, flagKey: 'g', variantKey: 'on' })).toBe('queued');
    expect(pipeline.recordExposure({ context: amp, flagKey: 'f', variantKey: 'treatment' })).toBe('queued');
    scheduler.clock.advance(1_000);
    expect(pipeline.recordExposure({ context: amp, flagKey: 'f', variantKey: 'on' })).toBe('queued');
    const events = await sent('exposure');
    expect(events.map((e) => `${e.flagKey}=${e.variantKey}`)).toEqual(['f=on', 'g=on', 'f=treatment', 'f=on']);
    // the insert id's last part counts windows of the exposure TTL
    expect(events[3]?.insertId.endsWith(` ${Math.floor((START + 1_000) / 1_000)}`)).toBe(true);
  });
});

describe('recordExposures: the exposures of one evaluation, as Amplitude\'s local client records them', () => {
  const evaluation = [
    { flagKey: 'flag-key-2', variantKey: 'control', experimentKey: 'exp-2' },
    { flagKey: 'flag-key-1', variantKey: 'on' },
    { flagKey: 'flag-key-3', variantKey: 'off', isDefault: true },
    { flagKey: 'flag-key-4', variantKey: 'on', trackExposure: false },
  ];

  it('sends an event per flag that served a non-default variant, each insert id hashing the flag and the whole evaluation', async () => {
    const { pipeline, sent } = setup();
    expect(pipeline.recordExposures({ context: amp, flags: evaluation })).toBe('queued');
    const events = await sent('exposure');
    expect(events.map((e) => `${e.flagKey}=${e.variantKey}`)).toEqual(['flag-key-2=control', 'flag-key-1=on']);
    // The canonical string holds every flag with a variant key (defaults and untracked ones too), sorted.
    const canonical = 'user123 device456 flag-key-1 on flag-key-2 control flag-key-3 off flag-key-4 on ';
    expect(assignmentCanonical({ userId: 'user123', deviceId: 'device456' }, evaluation)).toBe(canonical);
    const day = Math.floor(START / DAY);
    expect(events[0]?.insertId).toBe(`user123 device456 ${javaHashCode(`flag-key-2 ${canonical}`)} ${day}`);
    expect(events[1]?.insertId).toBe(`user123 device456 ${javaHashCode(`flag-key-1 ${canonical}`)} ${day}`);
  });

  it('deduplicates the evaluation as a whole: another set of flags is another evaluation', async () => {
    const { pipeline, scheduler, sent } = setup({ exposureDedup: { ttlMs: 1_000 } });
    expect(pipeline.recordExposures({ context: amp, flags: evaluation })).toBe('queued');
    expect(pipeline.recordExposures({ context: amp, flags: [...evaluation].reverse() })).toBe('deduplicated');
    // flag-key-1 alone is another evaluation: exposed again, as Amplitude's filter keys the whole evaluation.
    expect(pipeline.recordExposures({ context: amp, flags: [{ flagKey: 'flag-key-1', variantKey: 'on' }] })).toBe('queued');
    // Only defaults: nothing to send, and the evaluation is remembered all the same.
    expect(pipeline.recordExposures({ context: amp, flags: [{ flagKey: 'flag-key-3', variantKey: 'off', isDefault: true }] })).toBe('skipped');
    expect(pipeline.recordExposures({ context: amp, flags: [{ flagKey: 'flag-key-3', variantKey: 'off', isDefault: true }] })).toBe('deduplicated');
    expect(pipeline.recordExposures({ context: amp, flags: [] })).toBe('skipped');
    scheduler.clock.advance(1_000);
    expect(pipeline.recordExposures({ context: amp, flags: evaluation })).toBe('queued');
    expect((await sent('exposure')).map((e) => e.flagKey)).toEqual(['flag-key-2', 'flag-key-1', 'flag-key-1', 'flag-key-2', 'flag-key-1']);
  });
});
