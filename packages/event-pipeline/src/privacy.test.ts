// The privacy property: whatever the context and its private attributes (global or per context, top level or
// nested), no private value reaches a batch or a log line, for every kind of event.
import { createFakeClock, createFakeScheduler } from '@ensign/common/testing';
import type { Context } from '@ensign/context';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DispatchResult } from './dispatcher.js';
import { createEventPipeline } from './event-pipeline.js';
import type { JsonValue } from './events.js';
import { createFakeDispatcher } from './testing/fake-dispatcher.js';
import { createRecordingLogger } from './testing/recording-logger.js';

// Private values carry this marker; public values are lower case, so they never contain it.
const MARK = 'SECRET';
const NAMES = ['email', 'address', 'city', 'zip', 'a/b', 'tilde~x', 'nested', 'deep', 'plan', '__proto__', 'constructor'];

type Tree = { [name: string]: JsonValue };

const publicText = fc.stringMatching(/^[a-z0-9 ]{0,8}$/);
const leaf: fc.Arbitrary<JsonValue> = fc.oneof(publicText, fc.integer(), fc.boolean(), fc.constant(null), fc.array(publicText, { maxLength: 3 }));
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.dictionary(fc.constantFrom(...NAMES), fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('node')), { maxKeys: 4 }),
})).node;

/** Every path to a node of the tree. */
function paths(t: Tree, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const name of Object.keys(t)) {
    const p = [...prefix, name];
    out.push(p);
    const v = t[name];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...paths(v, p));
  }
  return out;
}

let counter = 0;
/** Replaces every leaf under `value` with marked strings. */
function secretly(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(() => `${MARK}-${++counter}`);
  if (value !== null && typeof value === 'object') {
    const out: Tree = {};
    for (const k of Object.keys(value)) Object.defineProperty(out, k, { value: secretly(value[k] as JsonValue), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return `${MARK}-${++counter}`;
}

function makeSecret(t: Tree, path: string[]): void {
  let node: Tree = t;
  for (const name of path.slice(0, -1)) node = node[name] as Tree;
  const last = path[path.length - 1] as string;
  Object.defineProperty(node, last, { value: secretly(node[last] as JsonValue), enumerable: true, writable: true, configurable: true });
}

/** Whether `path` names a node of `t` (each step an own property of an object that is not an array). */
function hasPath(t: Tree, path: string[]): boolean {
  let node: JsonValue = t;
  for (const name of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, name)) return false;
    node = (node as Tree)[name] as JsonValue;
  }
  return true;
}

const pointer = (path: string[]) => `/${path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

interface Part {
  kind: string;
  key: string;
  attributes: Tree;
  privatePaths: { path: string[]; global: boolean; literal: boolean }[];
  anonymous: boolean;
}

const part: fc.Arbitrary<Part> = fc
  .record({ kind: fc.constantFrom('user', 'org', 'device'), key: fc.stringMatching(/^[a-z0-9]{1,6}$/), attributes: tree, anonymous: fc.boolean() })
  .chain((p) => {
    const all = paths(p.attributes);
    return fc
      .subarray(all.map((path) => ({ path })))
      .chain((chosen) =>
        fc.tuple(...chosen.map((c) => fc.record({ path: fc.constant(c.path), global: fc.boolean(), literal: fc.boolean() }))).map((privatePaths) => ({ ...p, privatePaths })),
      );
  });

interface Scenario {
  context: Context;
  global: string[];
  allAttributesPrivate: boolean;
  keys: string[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .tuple(fc.uniqueArray(part, { minLength: 1, maxLength: 3, selector: (p) => p.kind }), fc.boolean())
  .map(([parts, allAttributesPrivate]) => {
    const global: string[] = [];
    // A global private path covers every kind that has it, so its values are marked in every part.
    const globalPaths = parts.flatMap((p) => p.privatePaths.filter((c) => c.global).map((c) => c.path));
    const built = parts.map((p) => {
      const attributes = structuredClone(p.attributes);
      const local: string[] = [];
      for (const { path, global: isGlobal, literal } of p.privatePaths) {
        makeSecret(attributes, path);
        const ref = literal && path.length === 1 ? (path[0] as string) : pointer(path);
        (isGlobal ? global : local).push(ref);
      }
      for (const path of globalPaths) if (hasPath(attributes, path)) makeSecret(attributes, path);
      if (allAttributesPrivate) for (const name of Object.keys(attributes)) makeSecret(attributes, [name]);
      const single: Record<string, unknown> = { key: p.key };
      for (const name of Object.keys(attributes)) Object.defineProperty(single, name, { value: attributes[name], enumerable: true, writable: true, configurable: true });
      if (p.anonymous) single.anonymous = true;
      if (local.length > 0) single._meta = { privateAttributes: local };
      return { kind: p.kind, single };
    });
    const first = built[0] as { kind: string; single: Record<string, unknown> };
    const context = (built.length === 1 ? { kind: first.kind, ...first.single } : Object.fromEntries([['kind', 'multi'], ...built.map((b) => [b.kind, b.single])])) as Context;
    return { context, global, allAttributesPrivate, keys: parts.map((p) => p.key) };
  });

/** The first marked (private) string in a context, if any. */
function firstMarked(value: unknown): string | undefined {
  if (typeof value === 'string') return value.startsWith(MARK) ? value : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const v of Object.values(value)) {
    const found = firstMarked(v);
    if (found !== undefined) return found;
  }
  return undefined;
}

async function runEveryKind(s: Scenario) {
  const scheduler = createFakeScheduler(createFakeClock(0));
  const answers: DispatchResult[] = [{ delivered: false, status: 503 }, { delivered: false, error: new Error('reset') }, { delivered: false, status: 400 }];
  const dispatcher = createFakeDispatcher({ respond: () => answers.shift() ?? { delivered: true } });
  const logger = createRecordingLogger();
  const pipeline = createEventPipeline({
    dispatcher,
    scheduler,
    clock: scheduler.clock,
    logger,
    batchSize: 3,
    retryBaseDelayMs: 10,
    privateAttributes: s.global,
    allAttributesPrivate: s.allAttributesPrivate,
    knownEvent: (key) => key !== 'unknown-event',
  });
  const { context } = s;
  pipeline.recordDecision({ context, flagKey: 'f', flagVersion: 1, variationKey: 'on', variationIndex: 0, value: 'v', defaultValue: 'd', track: true });
  pipeline.recordDecision({ context, flagKey: 'g', variationKey: null, value: 'd', track: false });
  pipeline.recordConversion({ context, eventKey: 'purchase', tags: { revenue: 10, value: '2.5' }, data: { cart: 1 }, metricValue: 3 });
  pipeline.recordConversion({ context, eventKey: 'unknown-event' });
  pipeline.recordIdentify(context);
  // Amplitude ids passed explicitly, as the Amplitude face does: a public user id (a context key) and a device id
  // that is the value of a private attribute when there is one (it must not leave, nor its hash in insertId).
  const userId = s.keys[0] as string;
  const deviceId = firstMarked(context) ?? 'public-device';
  pipeline.recordAssignment({ context, userId, deviceId, flags: [{ flagKey: 'f', variantKey: 'on' }, { flagKey: 'g', variantKey: null, isDefault: true }] });
  pipeline.recordExposure({ context, userId, deviceId, flagKey: 'f', variantKey: 'on', experimentKey: 'exp' });
  const closing = pipeline.close({ timeoutMs: 5_000 });
  await scheduler.advanceAsync(5_000);
  await closing;
  return { payload: JSON.stringify(dispatcher.batches), logs: logger.text(), dispatcher };
}

describe('privacy', () => {
  it('lets no private attribute, at any depth, into any payload or log line, for every event kind', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { payload, logs, dispatcher } = await runEveryKind(s);
        expect(payload).not.toContain(MARK);
        expect(logs).not.toContain(MARK);
        // the check is not vacuous: the events were built and carry the (public) context keys
        const kinds = new Set(dispatcher.batches.flatMap((b) => b.events.map((e) => e.kind)));
        expect(kinds).toEqual(new Set(['decision', 'index', 'summary', 'conversion', 'identify', 'assignment', 'exposure']));
        for (const key of s.keys) expect(payload).toContain(JSON.stringify(key));
      }),
      { numRuns: 150 },
    );
  });

  it('would see a marked value that is not private (the check can fail)', async () => {
    const context = { kind: 'user', key: 'k', email: `${MARK}-leak` } as Context;
    const { payload } = await runEveryKind({ context, global: [], allAttributesPrivate: false, keys: ['k'] });
    expect(payload).toContain(`${MARK}-leak`);
  });
});
