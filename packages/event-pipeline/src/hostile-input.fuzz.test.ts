// The pipeline under hostile input (issue 15's permanent suite): record, flush and close with cycles, throwing
// getters, Proxies, BigInt, huge strings and `__proto__` names anywhere an input can hold a value, against a
// receiver that answers anything. Nothing throws, every promise resolves, every batch serializes, and the
// accounting adds up: recorded = sent + failed + dropped, nothing held after close().
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DispatchOptions, DispatchResult, EventDispatcher } from './dispatcher.js';
import { createEventPipeline } from './event-pipeline.js';
import type { EventBatch } from './events.js';
import type { EventPipeline } from './event-pipeline.js';

const cyclic = (): unknown => {
  const a: Record<string, unknown> = { name: 'loop' };
  a['self'] = a;
  return a;
};
const throwingGetter = (): unknown =>
  Object.defineProperty({ plan: 'pro' }, 'email', {
    enumerable: true,
    get() {
      throw new Error('getter says no');
    },
  });
const throwingProxy = (): unknown =>
  new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, has: () => { throw new Error('trap'); }, getOwnPropertyDescriptor: () => { throw new Error('trap'); } });
// A Proxy that answers every property with another Proxy: endless depth.
const bottomless = (): unknown => {
  const p: object = new Proxy({}, { get: () => p, ownKeys: () => ['x'], getOwnPropertyDescriptor: () => ({ value: p, enumerable: true, configurable: true }) });
  return p;
};
const protoNames = (): unknown => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "key": "k"}');
let flip = 0;
const changing = (): unknown => Object.defineProperty({}, 'v', { enumerable: true, get: () => (++flip % 2 ? 'a' : { deep: [1n] }) });

// fast-check inspects what it generates (`in` checks), which a hostile Proxy refuses: the arbitraries generate
// a recipe ({ make: name }) and the property builds the hostile values from it (see `build`).
const MAKERS: Record<string, () => unknown> = {
  cyclic,
  throwingGetter,
  throwingProxy,
  bottomless,
  protoNames,
  changing,
  bigint: () => 10n,
  symbol: () => Symbol('s'),
  fn: () => () => 1,
  nan: () => Number.NaN,
  infinity: () => Infinity,
  undefined: () => undefined,
  huge: () => 'x'.repeat(1_000_000),
  loneSurrogate: () => '\u0000\ud800',
};
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...Object.keys(MAKERS)).map((make) => ({ make })),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Builds the hostile values a recipe names, anywhere inside it. */
function build(recipe: unknown): unknown {
  if (Array.isArray(recipe)) return recipe.map(build);
  if (typeof recipe !== 'object' || recipe === null) return recipe;
  const r = recipe as Record<string, unknown>;
  const keys = Object.keys(r);
  if (keys.length === 1 && keys[0] === 'make' && typeof r['make'] === 'string' && MAKERS[r['make']]) return (MAKERS[r['make']] as () => unknown)();
  const out: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(out, k, { value: build(r[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

const contexts: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ kind: fc.constantFrom('user', 'org'), key: fc.string({ maxLength: 8 }), attr: hostile }),
  fc.record({ kind: fc.constant('multi'), user: fc.record({ key: fc.string({ maxLength: 4 }), a: hostile }), org: hostile }),
  fc.record({ kind: fc.constant('user'), key: fc.constant('u'), _meta: fc.record({ privateAttributes: fc.oneof(hostile, fc.array(fc.string({ maxLength: 4 }))) }) }),
  hostile,
);

type Op =
  | { op: 'decision' | 'conversion' | 'identify' | 'assignment' | 'exposure'; context: unknown; value: unknown; key: unknown; track: boolean }
  | { op: 'flush'; timeoutMs: unknown }
  | { op: 'advance'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constantFrom('decision', 'conversion', 'identify', 'assignment', 'exposure') as fc.Arbitrary<'decision'>,
    context: contexts,
    value: hostile,
    key: fc.oneof(fc.string({ maxLength: 6 }), hostile),
    track: fc.boolean(),
  }),
  fc.record({ op: fc.constant('flush' as const), timeoutMs: fc.oneof(fc.constantFrom<unknown>(3e9, Infinity, -1, Number.NaN, 0, 50, 'soon'), hostile) }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 5_000 }) }),
);

type Answer = 'ok' | 503 | 400 | 429 | 'throw' | 'hang' | 'deaf' | 'garbage';

function dispatcherOf(answers: Answer[]) {
  let i = 0;
  const serializeFailures: unknown[] = [];
  const deliveredIds: string[] = [];
  const dispatcher: EventDispatcher = {
    // Not async on purpose: a dispatcher that throws synchronously, or answers without a promise, is hostile too.
    dispatch: ((batch: EventBatch, o: DispatchOptions): Promise<DispatchResult> | DispatchResult => {
      try {
        JSON.parse(JSON.stringify(batch));
      } catch (error) {
        serializeFailures.push(error);
      }
      const a = answers[i++ % answers.length];
      if (a === 'throw') throw new Error('receiver down');
      if (a === 'hang') return new Promise((resolve) => o.signal?.addEventListener('abort', () => resolve({ delivered: false })));
      if (a === 'deaf') return new Promise(() => {}); // ignores the abort signal too
      if (a === 'garbage') return { delivered: 'yes', status: 'teapot', retryAfterMs: -Infinity } as unknown as DispatchResult;
      if (a === 'ok') {
        for (const e of batch.events) deliveredIds.push(e.id);
        return { delivered: true, status: 202 };
      }
      return { delivered: false, status: a, retryAfterMs: a === 429 ? 1e12 : undefined };
    }) as EventDispatcher['dispatch'],
  };
  return { dispatcher, serializeFailures, deliveredIds };
}

function apply(pipeline: EventPipeline, o: Op & { op: 'decision' | 'conversion' | 'identify' | 'assignment' | 'exposure' }): string {
  const any = <T>(v: unknown) => v as T;
  switch (o.op) {
    case 'decision':
      return pipeline.recordDecision(any({ context: o.context, flagKey: o.key, variationKey: 'on', value: o.value, defaultValue: o.value, track: o.track, reason: o.value }));
    case 'conversion':
      return pipeline.recordConversion(any({ context: o.context, eventKey: o.key, tags: o.value, data: o.value, metricValue: o.value }));
    case 'identify':
      return pipeline.recordIdentify(any(o.context));
    case 'assignment':
      return pipeline.recordAssignment(any({ context: o.context, userId: o.key, deviceId: o.value, flags: [{ flagKey: o.key, variantKey: 'on' }, o.value] }));
    case 'exposure':
      return pipeline.recordExposure(any({ context: o.context, userId: o.key, flagKey: 'f', variantKey: 'on', metadata: o.value }));
  }
}

describe('the pipeline under hostile input', () => {
  it('never throws, always resolves, and accounts for every event', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 25 }),
        fc.array(fc.constantFrom<Answer>('ok', 503, 400, 429, 'throw', 'hang', 'deaf', 'garbage'), { minLength: 1, maxLength: 6 }),
        fc.record({ batchSize: fc.integer({ min: 1, max: 5 }), maxQueueSize: fc.integer({ min: 1, max: 20 }), maxQueueBytes: fc.integer({ min: 1_024, max: 200_000 }), overflow: fc.constantFrom<'drop-newest' | 'drop-oldest'>('drop-newest', 'drop-oldest') }),
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
        async (ops, answers, sizes, privateAttributes) => {
          const scheduler = createFakeScheduler(createFakeClock(0));
          const { dispatcher, serializeFailures, deliveredIds } = dispatcherOf(answers);
          const pipeline = createEventPipeline({ dispatcher, scheduler, clock: scheduler.clock, retryBaseDelayMs: 10, retryMaxDelayMs: 100, privateAttributes, ...sizes });
          let outcomes = 0;
          for (const o of ops) {
            if (o.op === 'flush') void pipeline.flush(build(o.timeoutMs) as { timeoutMs?: number });
            else if (o.op === 'advance') await scheduler.advanceAsync(o.ms);
            else {
              const outcome = apply(pipeline, { ...o, context: build(o.context), value: build(o.value), key: build(o.key) });
              expect(['queued', 'summarized', 'deduplicated', 'skipped', 'dropped']).toContain(outcome);
              if (outcome === 'queued' || outcome === 'dropped') outcomes += 1;
            }
            const st = pipeline.stats();
            expect(st.recorded).toBe(st.queued + st.sent + st.failed + st.dropped);
          }
          const closing = pipeline.close({ timeoutMs: 1_000 });
          await scheduler.advanceAsync(1_000);
          const result = await closing;
          expect(result.pending).toBe(0);
          const st = pipeline.stats();
          expect(st.queued).toBe(0);
          expect(st.queuedBytes).toBe(0);
          expect(st.sent + st.failed + st.dropped).toBe(st.recorded);
          expect(st.recorded).toBeGreaterThanOrEqual(outcomes);
          expect(Object.values(st.dropReasons).reduce((a, b) => a + b, 0)).toBe(st.dropped);
          expect(new Set(deliveredIds).size).toBe(st.sent);
          expect(serializeFailures).toEqual([]);
          expect(scheduler.pending()).toBe(0);
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        },
      ),
      { numRuns: 120 },
    );
  });
});
