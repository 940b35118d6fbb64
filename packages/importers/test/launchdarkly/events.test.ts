// The events of the LaunchDarkly face beside the events of LaunchDarkly's Node server SDK, for the same calls
// (`variation`, `variationDetail`, the typed ones, `track`, `identify`) with the same contexts and flags: LaunchDarkly's are posted to
// a loopback server (`/bulk`), Ensign's handed to a capturing dispatcher, and both are brought to one form (each
// vendor's field names) before they are compared. Index events (which contexts, redacted how), full feature events
// (which evaluations: tracked flags and rules, experiments, prerequisites; their variation, value, default, reason
// and context), summary counters (per flag, variation and version, with the default and the context kinds), custom
// and identify events must be the same.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect, isDeepStrictEqual } from 'node:util';
import { basicLogger, init, integrations } from '@launchdarkly/node-server-sdk';
import { createClient, type EventBatch } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';
import { importLaunchDarkly } from '../../src/launchdarkly/index.js';
import { rolloutsPayload } from './configs-rollouts.js';
import { segmentsPayload } from './configs-segments.js';
import { targetingPayload } from './configs-targeting.js';
import { generateContexts } from './contexts.js';
import { createRandom } from './random.js';

type Json = Record<string, unknown>;
type Payload = { flags: Record<string, Json>; segments: Record<string, Json> };

/** One call of the script both SDKs run. */
type Call =
  | { call: EvalCall; flag: string; context: Json; defaultValue: unknown }
  | { call: 'track'; key: string; context: Json; data?: unknown; metricValue?: number }
  | { call: 'identify'; context: Json };

const DEFAULT = 'the-default';

/** The evaluation calls the script makes: typed ones too (a served value of another type is a WRONG_TYPE error). */
const EVAL_CALLS = ['variation', 'variationDetail', 'boolVariation', 'numberVariation', 'stringVariation', 'jsonVariation', 'boolVariationDetail', 'stringVariationDetail'] as const;
type EvalCall = (typeof EVAL_CALLS)[number];
/** A default of the type each typed call wants. */
const DEFAULTS: Record<EvalCall, unknown> = {
  variation: DEFAULT, variationDetail: DEFAULT, jsonVariation: DEFAULT,
  boolVariation: false, boolVariationDetail: false, numberVariation: -1, stringVariation: DEFAULT, stringVariationDetail: DEFAULT,
};

/** Keys recursively sorted, `undefined` and `null` fields left out: the form both sides are compared in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Json)[key];
    if (v !== undefined && v !== null) out[key] = canonical(v);
  }
  return out;
}

/** The events of a run, in one form. */
interface Seen {
  index: string[];
  feature: string[];
  custom: string[];
  identify: string[];
  /** flag key → { default, contextKinds, counters: "variation/version" → { value, count } } */
  summary: Record<string, { default: unknown; contextKinds: string[]; counters: Record<string, { value: unknown; count: number }> }>;
  unknownEvaluations: number;
}

function emptySeen(): Seen {
  return { index: [], feature: [], custom: [], identify: [], summary: {}, unknownEvaluations: 0 };
}

function finish(seen: Seen): Seen {
  seen.index.sort();
  seen.feature.sort();
  seen.custom.sort();
  seen.identify.sort();
  return seen;
}

function count(seen: Seen, key: string, dflt: unknown, kinds: readonly string[], variation: unknown, version: unknown, value: unknown, n: number): void {
  const flag = (seen.summary[key] ??= { default: dflt, contextKinds: [], counters: {} });
  flag.default = dflt;
  flag.contextKinds = [...new Set([...flag.contextKinds, ...kinds])].sort();
  const slot = `${String(variation ?? '-')}/${String(version ?? '-')}`;
  const counter = (flag.counters[slot] ??= { value, count: 0 });
  counter.count += n;
}

/** LaunchDarkly's posted events in the common form. */
function fromLaunchDarkly(events: readonly Json[]): Seen {
  const seen = emptySeen();
  for (const e of events) {
    switch (e['kind']) {
      case 'index':
        seen.index.push(JSON.stringify(canonical(e['context'])));
        break;
      case 'feature':
        seen.feature.push(JSON.stringify(canonical({ key: e['key'], version: e['version'], variation: e['variation'], value: e['value'], default: e['default'], reason: e['reason'], prereqOf: e['prereqOf'], context: e['context'] })));
        break;
      case 'custom':
        seen.custom.push(JSON.stringify(canonical({ key: e['key'], data: e['data'], metricValue: e['metricValue'], context: e['context'] })));
        break;
      case 'identify':
        seen.identify.push(JSON.stringify(canonical(e['context'])));
        break;
      case 'summary':
        for (const [key, f] of Object.entries(e['features'] as Record<string, Json>)) {
          for (const c of f['counters'] as Json[]) {
            if (c['unknown'] === true) seen.unknownEvaluations += c['count'] as number;
            else count(seen, key, f['default'], (f['contextKinds'] as string[]) ?? [], c['variation'], c['version'], c['value'], c['count'] as number);
          }
        }
        break;
      default:
        throw new Error(`unexpected LaunchDarkly event kind ${String(e['kind'])}`);
    }
  }
  return finish(seen);
}

/** Ensign's dispatched events in the common form. */
function fromEnsign(batches: readonly EventBatch[]): Seen {
  const seen = emptySeen();
  for (const batch of batches) {
    for (const e of batch.events as unknown as Json[]) {
      switch (e['kind']) {
        case 'index':
          seen.index.push(JSON.stringify(canonical(e['context'])));
          break;
        case 'decision':
          seen.feature.push(JSON.stringify(canonical({ key: e['flagKey'], version: e['flagVersion'], variation: e['variationIndex'], value: e['value'], default: e['defaultValue'], reason: e['reason'], prereqOf: e['prereqOf'], context: e['context'] })));
          break;
        case 'conversion':
          seen.custom.push(JSON.stringify(canonical({ key: e['eventKey'], data: e['data'], metricValue: e['metricValue'], context: e['context'] })));
          break;
        case 'identify':
          seen.identify.push(JSON.stringify(canonical(e['context'])));
          break;
        case 'summary':
          seen.unknownEvaluations += e['unknownFlagEvaluations'] as number;
          for (const f of e['flags'] as Json[]) {
            for (const c of f['counters'] as Json[]) count(seen, f['flagKey'] as string, f['default'], f['contextKinds'] as string[], c['variationIndex'], c['version'], c['value'], c['count'] as number);
          }
          break;
        default:
          throw new Error(`unexpected Ensign event kind ${String(e['kind'])}`);
      }
    }
  }
  return finish(seen);
}

async function runLaunchDarkly(payload: Payload, calls: readonly Call[], options: Json): Promise<Seen> {
  const posted: Json[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/bulk') posted.push(...(JSON.parse(body) as Json[]));
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const td = new integrations.TestData();
  for (const flag of Object.values(payload.flags)) await td.usePreconfiguredFlag(flag);
  for (const segment of Object.values(payload.segments)) await td.usePreconfiguredSegment(segment);
  const client = init('sdk-events-test', { updateProcessor: td.getFactory(), diagnosticOptOut: true, eventsUri: url, flushInterval: 3_600, logger: basicLogger({ level: 'none' }), ...options });
  try {
    await client.waitForInitialization({ timeout: 10 });
    for (const c of calls) {
      if (c.call === 'track') client.track(c.key, c.context as never, c.data, c.metricValue);
      else if (c.call === 'identify') client.identify(c.context as never);
      else await (client as unknown as Record<EvalCall, (k: string, ctx: unknown, d: unknown) => Promise<unknown>>)[c.call](c.flag, c.context, c.defaultValue);
    }
    await client.flush();
  } finally {
    client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return fromLaunchDarkly(posted);
}

async function runEnsign(payload: Payload, calls: readonly Call[], options: Json): Promise<Seen> {
  const imported = importLaunchDarkly(payload);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors)}`);
  const batches: EventBatch[] = [];
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const client = createClient({
    datafile: imported.datafile,
    logger: quiet,
    sdkKey: 'sdk-events-test',
    eventDispatcher: { dispatch: (batch: EventBatch) => (batches.push(batch), Promise.resolve({ delivered: true, status: 202 })) },
    ...options,
  });
  try {
    const ready = await client.onReady({ timeout: 5_000 });
    if (!ready.success) throw new Error('the Ensign client is not ready');
    for (const c of calls) {
      if (c.call === 'track') client.track(c.key, c.context, c.data as never, c.metricValue);
      else if (c.call === 'identify') client.identify(c.context);
      else (client as unknown as Record<EvalCall, (k: string, ctx: unknown, d: unknown) => unknown>)[c.call](c.flag, c.context, c.defaultValue);
    }
    await client.flush();
  } finally {
    await client.close();
  }
  return fromEnsign(batches);
}

/** Every flag of the three payloads, with some flags and rules tracked. */
function payload(seed: number): Payload {
  const r = createRandom(seed);
  const flags: Record<string, Json> = {};
  const segments: Record<string, Json> = {};
  for (const p of [targetingPayload(), rolloutsPayload(), segmentsPayload()] as unknown as Payload[]) {
    Object.assign(flags, structuredClone(p.flags));
    Object.assign(segments, structuredClone(p.segments));
  }
  for (const flag of Object.values(flags)) {
    if (r.chance(0.15)) flag['trackEvents'] = true;
    if (r.chance(0.15)) flag['trackEventsFallthrough'] = true;
    for (const rule of (flag['rules'] as Json[] | undefined) ?? []) if (r.chance(0.15)) rule['trackEvents'] = true;
  }
  return { flags, segments };
}

/** A script of calls over generated contexts: evaluations (some of unknown flags), custom events, identifies. */
function script(flags: readonly string[], seed: number, count: number): Call[] {
  const r = createRandom(seed);
  const contexts = generateContexts(count, seed).map((c) => {
    // Legacy users with built-ins that are not text: LaunchDarkly sends them as text (`String()`).
    if (c['kind'] === undefined && r.chance(0.5)) c[r.pick(['name', 'country', 'email', 'firstName', 'avatar', 'ip']) as string] = r.pick([5, true, ['a', 'b'], { x: 1 }, 2.5]);
    return c;
  });
  const calls: Call[] = [];
  for (const context of contexts) {
    const n = 1 + r.int(4);
    for (let i = 0; i < n; i++) {
      const flag = r.chance(0.05) ? 'no-such-flag' : (r.pick(flags) as string);
      const call = r.chance(0.5) ? (r.chance(0.3) ? 'variationDetail' : 'variation') : (r.pick(EVAL_CALLS) as EvalCall);
      calls.push({ call, flag, context, defaultValue: DEFAULTS[call] });
    }
    if (r.chance(0.2)) calls.push({ call: 'track', key: r.pick(['checkout', 'signup']) as string, context, ...(r.chance(0.5) ? { data: { cart: r.int(5) } } : {}), ...(r.chance(0.5) ? { metricValue: r.int(100) / 4 } : {}) });
    if (r.chance(0.1)) calls.push({ call: 'identify', context });
  }
  return calls;
}

function differences(theirs: Seen, ours: Seen): string {
  const out: string[] = [];
  for (const part of ['index', 'feature', 'custom', 'identify'] as const) {
    const a = theirs[part];
    const b = ours[part];
    if (isDeepStrictEqual(a, b)) continue;
    const onlyTheirs = a.filter((x) => !b.includes(x)).slice(0, 3);
    const onlyOurs = b.filter((x) => !a.includes(x)).slice(0, 3);
    out.push(`${part}: LaunchDarkly ${a.length}, Ensign ${b.length}\n  only LaunchDarkly: ${onlyTheirs.join('\n    ')}\n  only Ensign: ${onlyOurs.join('\n    ')}`);
  }
  for (const key of new Set([...Object.keys(theirs.summary), ...Object.keys(ours.summary)])) {
    if (!isDeepStrictEqual(theirs.summary[key], ours.summary[key])) out.push(`summary ${key}: LaunchDarkly ${inspect(theirs.summary[key], { depth: 4 })} Ensign ${inspect(ours.summary[key], { depth: 4 })}`);
  }
  if (theirs.unknownEvaluations !== ours.unknownEvaluations) out.push(`unknown flag evaluations: LaunchDarkly ${theirs.unknownEvaluations}, Ensign ${ours.unknownEvaluations}`);
  return out.slice(0, 8).join('\n\n');
}

describe("the LaunchDarkly face's events, against LaunchDarkly's Node server SDK", () => {
  const cases: [string, Json, Json][] = [
    ['default options', {}, {}],
    ['private attributes and allAttributesPrivate', { privateAttributes: ['email', '/address/city'] }, { privateAttributes: ['email', '/address/city'] }],
    ['allAttributesPrivate', { allAttributesPrivate: true }, { allAttributesPrivate: true }],
  ];
  for (const [name, theirOptions, ourOptions] of cases) {
    it(`are the same for 400 generated contexts (${name})`, async () => {
      const p = payload(81);
      const calls = script(Object.keys(p.flags), 82, 400);
      const theirs = await runLaunchDarkly(p, calls, theirOptions);
      const ours = await runEnsign(p, calls, ourOptions);
      expect(differences(theirs, ours)).toBe('');
      // The script reaches every kind of event.
      expect(theirs.index.length).toBeGreaterThan(100);
      expect(theirs.feature.length).toBeGreaterThan(50);
      expect(theirs.custom.length).toBeGreaterThan(20);
      expect(theirs.identify.length).toBeGreaterThan(10);
      expect(theirs.unknownEvaluations).toBeGreaterThan(0);
    }, 120_000);
  }
});
