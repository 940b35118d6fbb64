import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import { isEnsignError } from '@ensign/common';
import type { Context } from '@ensign/context';
import { describe, expect, it } from 'vitest';
import { createEventPipeline } from './event-pipeline.js';
import type { DecisionEvent, EnsignEvent } from './events.js';
import type { DecisionInput } from './inputs.js';
import type { EventPipelineOptions } from './options.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import { createRecordingLogger } from './testing/recording-logger.js';

const START = 1_700_000_000_000;

function setup(extra: Partial<EventPipelineOptions> = {}) {
  const scheduler = createFakeScheduler(createFakeClock(START));
  const dispatcher = createFakeDispatcher();
  const logger = createRecordingLogger();
  let n = 0;
  const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, logger, idGenerator: () => `id-${++n}`, ...extra });
  return { scheduler, dispatcher, logger, pipeline };
}

const sandy: Context = { kind: 'user', key: 'user-42', name: 'Sandy', email: 'sandy@example.com', _meta: { privateAttributes: ['email'] } };

const decision = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  context: sandy,
  flagKey: 'checkout-redesign',
  flagVersion: 4,
  variationKey: 'treatment',
  variationIndex: 1,
  value: 'treatment',
  defaultValue: 'control',
  ruleKey: 'exp-1',
  ruleId: 'rule-1',
  ruleType: 'experiment',
  experimentKey: 'exp-1',
  experimentId: '1001',
  revision: '42',
  reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'rule-1', inExperiment: true },
  track: true,
  ...over,
});

const kinds = (events: EnsignEvent[]) => events.map((e) => e.kind);

describe('createEventPipeline: record functions', () => {
  it('sends a tracked decision as a full event with its context redacted', async () => {
    const { pipeline, dispatcher } = setup();
    expect(pipeline.recordDecision(decision())).toBe('queued');
    await pipeline.flush();
    const full = dispatcher.delivered().find((e): e is DecisionEvent => e.kind === 'decision');
    expect(full).toEqual({
      kind: 'decision',
      id: expect.any(String),
      timestamp: START,
      context: { kind: 'user', key: 'user-42', name: 'Sandy', _meta: { redactedAttributes: ['email'] } },
      flagKey: 'checkout-redesign',
      flagVersion: 4,
      variationKey: 'treatment',
      variationIndex: 1,
      variationId: null,
      value: 'treatment',
      defaultValue: 'control',
      ruleKey: 'exp-1',
      ruleId: 'rule-1',
      ruleType: 'experiment',
      experimentKey: 'exp-1',
      experimentId: '1001',
      enabled: null,
      revision: '42',
      reason: { kind: 'RULE_MATCH', ruleIndex: 0, ruleId: 'rule-1', inExperiment: true },
      prereqOf: null,
    });
  });

  it('counts an untracked decision in the summary only', async () => {
    const { pipeline, dispatcher } = setup();
    expect(pipeline.recordDecision(decision({ track: false }))).toBe('summarized');
    expect(pipeline.recordDecision(decision({ track: false }))).toBe('summarized');
    await pipeline.flush();
    const events = dispatcher.delivered();
    expect(kinds(events)).toEqual(['index', 'summary']);
    expect(events[1]).toMatchObject({
      kind: 'summary',
      startDate: START,
      endDate: START,
      flags: [{ flagKey: 'checkout-redesign', default: 'control', contextKinds: ['user'], counters: [{ variationKey: 'treatment', version: 4, count: 2 }] }],
    });
  });

  it('leaves a flag with excludeFromSummaries out of the summary', async () => {
    const { pipeline, dispatcher } = setup();
    pipeline.recordDecision(decision({ track: false, excludeFromSummaries: true }));
    await pipeline.flush();
    expect(kinds(dispatcher.delivered())).toEqual(['index']);
  });

  it('indexes a context once per window, before its first event, and again after the window', async () => {
    const { pipeline, dispatcher, scheduler } = setup({ contextKeysFlushIntervalMs: 60_000 });
    pipeline.recordDecision(decision());
    pipeline.recordDecision(decision());
    scheduler.clock.advance(60_000);
    pipeline.recordDecision(decision({ track: false }));
    await pipeline.flush();
    expect(kinds(dispatcher.delivered())).toEqual(['index', 'decision', 'decision', 'index', 'summary']);
    const index = dispatcher.delivered()[0];
    expect(index).toMatchObject({ kind: 'index', context: { kind: 'user', key: 'user-42', _meta: { redactedAttributes: ['email'] } } });
  });

  it('remembers at most contextKeysCapacity context keys', async () => {
    const { pipeline, dispatcher } = setup({ contextKeysCapacity: 2 });
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) pipeline.recordDecision(decision({ context: { kind: 'user', key }, track: false }));
    await pipeline.flush();
    const indexed = dispatcher.delivered().filter((e) => e.kind === 'index').map((e) => (e as unknown as { context: { key: string } }).context.key);
    // a, b; a is fresh; c evicts b; a is fresh; b is new again
    expect(indexed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('sends an identify event, after which the context needs no index event', async () => {
    const { pipeline, dispatcher } = setup();
    expect(pipeline.recordIdentify(sandy)).toBe('queued');
    pipeline.recordDecision(decision({ track: false }));
    await pipeline.flush();
    const events = dispatcher.delivered();
    expect(kinds(events)).toEqual(['identify', 'summary']);
    expect(events[0]).toEqual({
      kind: 'identify',
      id: expect.any(String),
      timestamp: START,
      context: { kind: 'user', key: 'user-42', name: 'Sandy', _meta: { redactedAttributes: ['email'] } },
    });
  });

  it('sends an Optimizely conversion with revenue as an integer and value as a float, tags kept', async () => {
    const { pipeline, dispatcher } = setup();
    const tags = { revenue: '4200.99', value: '3.5', category: 'shoes' };
    expect(pipeline.recordConversion({ context: sandy, eventKey: 'purchase', eventId: '777', revision: '42', tags })).toBe('queued');
    await pipeline.flush();
    expect(dispatcher.delivered().find((e) => e.kind === 'conversion')).toEqual({
      kind: 'conversion',
      id: expect.any(String),
      timestamp: START,
      context: { kind: 'user', key: 'user-42', name: 'Sandy', _meta: { redactedAttributes: ['email'] } },
      eventKey: 'purchase',
      eventId: '777',
      revision: '42',
      tags: { revenue: '4200.99', value: '3.5', category: 'shoes' },
      revenue: 4200,
      value: 3.5,
      data: null,
      metricValue: null,
    });
  });

  it('sends a LaunchDarkly custom event with data and metricValue', async () => {
    const { pipeline, dispatcher } = setup();
    pipeline.recordConversion({ context: sandy, eventKey: 'checkout', data: { cart: 3 }, metricValue: 19.5 });
    await pipeline.flush();
    expect(dispatcher.delivered().find((e) => e.kind === 'conversion')).toMatchObject({ eventKey: 'checkout', data: { cart: 3 }, metricValue: 19.5, tags: null, revenue: null });
  });

  it('logs one error and sends nothing for an event key the datafile does not know', async () => {
    const { pipeline, dispatcher, logger } = setup({ knownEvent: (key) => key === 'purchase' });
    expect(pipeline.recordConversion({ context: sandy, eventKey: 'purchse' })).toBe('skipped');
    await pipeline.flush();
    expect(dispatcher.attempts()).toBe(0);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('"purchse"');
  });

  it('lets the caller say an event key is unknown', () => {
    const { pipeline, logger } = setup();
    expect(pipeline.recordConversion({ context: sandy, eventKey: 'nope', knownEvent: false })).toBe('skipped');
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('puts every kind of event in batches of schema version 1 with unique ids', async () => {
    const { pipeline, dispatcher } = setup();
    pipeline.recordDecision(decision());
    pipeline.recordConversion({ context: sandy, eventKey: 'purchase' });
    pipeline.recordIdentify({ kind: 'user', key: 'someone-else' });
    pipeline.recordAssignment({ context: sandy, flags: [{ flagKey: 'f', variantKey: 'on' }] });
    pipeline.recordExposure({ context: sandy, flagKey: 'f', variantKey: 'on' });
    await pipeline.flush();
    const batch = dispatcher.batches[0];
    expect(batch).toMatchObject({ schemaVersion: 1, batchId: expect.any(String), sentAt: START });
    expect(new Set(kinds(batch?.events ?? []))).toEqual(new Set(['index', 'decision', 'conversion', 'identify', 'assignment', 'exposure', 'summary']));
    const ids = (batch?.events ?? []).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses globalThis.crypto.randomUUID for ids by default', async () => {
    const scheduler = createFakeScheduler();
    const dispatcher = createFakeDispatcher();
    const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock });
    pipeline.recordIdentify(sandy);
    await pipeline.flush();
    expect(dispatcher.delivered()[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('drops, counts and never throws on inputs that are not contexts', () => {
    const { pipeline } = setup();
    const bad = null as unknown as Context;
    expect(pipeline.recordDecision({ ...decision(), context: bad })).toBe('dropped');
    expect(pipeline.recordIdentify(bad)).toBe('dropped');
    expect(pipeline.recordConversion({ context: bad, eventKey: 'x' })).toBe('dropped');
    expect(pipeline.recordAssignment({ context: bad, flags: [] })).toBe('dropped');
    expect(pipeline.recordExposure({ context: bad, flagKey: 'f', variantKey: 'on' })).toBe('dropped');
    expect(pipeline.stats().dropped).toBe(5);
  });

  it('throws INVALID_OPTIONS for a missing dispatcher or scheduler and for out-of-range numbers', () => {
    const scheduler = createFakeScheduler();
    const dispatcher = createFakeDispatcher();
    const bad: unknown[] = [
      { scheduler },
      { dispatcher },
      { dispatcher, scheduler, batchSize: 0 },
      { dispatcher, scheduler, flushIntervalMs: 50 },
      { dispatcher, scheduler, maxQueueSize: -1 },
      { dispatcher, scheduler, maxRetries: 1.5 },
      { dispatcher, scheduler, overflow: 'drop-random' },
      { dispatcher, scheduler, privateAttributes: 'email' },
      { dispatcher, scheduler, assignmentDedup: { capacity: 0 } },
    ];
    for (const options of bad) {
      let thrown: unknown;
      try {
        createEventPipeline(options as EventPipelineOptions);
      } catch (error) {
        thrown = error;
      }
      expect(isEnsignError(thrown, 'INVALID_OPTIONS'), JSON.stringify(Object.keys(options as object))).toBe(true);
    }
  });
});
