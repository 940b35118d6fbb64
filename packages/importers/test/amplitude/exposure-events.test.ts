// The Amplitude face's exposure events beside those of Amplitude's own Node server SDK (`@amplitude/experiment-node-server`,
// local evaluation, `exposureConfig` with its analytics client posting to a loopback server), for the same users and
// `evaluate(user, flagKeys, { tracksExposure: true })` calls: which exposures are sent (default variants and
// `trackExposure: false` flags skipped, an evaluation deduplicated as a whole for a day), for which user and flag,
// with which variant, experiment key and `$set`, and which `insert_id`. Ensign's events are brought to Amplitude's
// field names before they are compared.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Experiment } from '@amplitude/experiment-node-server';
import type { EvaluationFlag } from '@amplitude/experiment-core';
import type { EventBatch } from '@ensign/node-sdk';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../launchdarkly/random.js';
import { bucketFlags } from './configs-buckets.js';
import { dependencyFlags } from './configs-dependencies.js';
import { ensignClient } from './differential.js';
import { generateUsers } from './users.js';

type Json = Record<string, unknown>;
const quiet = { verbose() {}, debug() {}, info() {}, warn() {}, error() {} };

/** A loopback server: Amplitude's flag API (`/sdk/v2/flags`) and its HTTP API (`/2/httpapi`), whose events it keeps. */
async function amplitudeServer(flags: readonly EvaluationFlag[]): Promise<{ server: Server; url: string; events: Json[] }> {
  const events: Json[] = [];
  const body = JSON.stringify(flags);
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET' && path === '/sdk/v2/flags') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
        return;
      }
      if (req.method === 'POST' && path === '/2/httpapi') {
        events.push(...((JSON.parse(text) as { events: Json[] }).events ?? []));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 200, events_ingested: 1, payload_size_bytes: 1, server_upload_time: Date.now() }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, events };
}

/** One exposure in the common form (Amplitude's names). */
function form(userId: unknown, deviceId: unknown, flag: unknown, variant: unknown, experimentKey: unknown, set: unknown, insertId: unknown): string {
  return JSON.stringify({ userId: userId ?? null, deviceId: deviceId ?? null, flag, variant, experimentKey: experimentKey ?? null, set, insertId });
}

/** One assignment in the common form (Amplitude's event properties and user properties). */
function assignmentForm(userId: unknown, deviceId: unknown, properties: unknown, set: unknown, unset: unknown, insertId: unknown): string {
  return JSON.stringify({ userId: userId ?? null, deviceId: deviceId ?? null, properties, set, unset, insertId });
}

function assignmentsFromAmplitude(events: readonly Json[]): string[] {
  return events
    .filter((e) => e['event_type'] === '[Experiment] Assignment')
    .map((e) => {
      const u = e['user_properties'] as Json;
      return assignmentForm(e['user_id'], e['device_id'], sortKeys(e['event_properties'] as Json), sortKeys(u['$set'] as Json), sortKeys(u['$unset'] as Json), e['insert_id']);
    })
    .sort();
}

function assignmentsFromEnsign(batches: readonly EventBatch[], flags: readonly EvaluationFlag[]): string[] {
  const exclusion = new Set(flags.filter((f) => (f.metadata as Json | undefined)?.['flagType'] === 'mutual-exclusion-group').map((f) => f.key));
  const out: string[] = [];
  for (const batch of batches) {
    for (const e of batch.events as unknown as Json[]) {
      if (e['kind'] !== 'assignment') continue;
      const properties: Json = {};
      const set: Json = {};
      const unset: Json = {};
      for (const f of e['flags'] as Json[]) {
        const key = f['flagKey'] as string;
        const variant = f['variantKey'];
        if (!variant) continue;
        properties[`${key}.variant`] = variant;
        if (f['flagVersion'] && f['ruleKey']) properties[`${key}.details`] = `v${String(f['flagVersion'])} rule:${String(f['ruleKey'])}`;
        if (exclusion.has(key)) continue;
        if (f['isDefault'] === true) unset[`[Experiment] ${key}`] = '-';
        else set[`[Experiment] ${key}`] = variant;
      }
      out.push(assignmentForm(e['userId'], e['deviceId'], sortKeys(properties), sortKeys(set), sortKeys(unset), e['insertId']));
    }
  }
  return out.sort();
}

function sortKeys(o: Json): Json {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

function fromAmplitude(events: readonly Json[]): string[] {
  return events
    .filter((e) => e['event_type'] === '[Experiment] Exposure')
    .map((e) => {
      const p = e['event_properties'] as Json;
      return form(e['user_id'], e['device_id'], p['[Experiment] Flag Key'], p['[Experiment] Variant'], p['[Experiment] Experiment Key'], (e['user_properties'] as Json)['$set'], e['insert_id']);
    })
    .sort();
}

function fromEnsign(batches: readonly EventBatch[], flags: readonly EvaluationFlag[]): string[] {
  const exclusion = new Set(flags.filter((f) => (f.metadata as Json | undefined)?.['flagType'] === 'mutual-exclusion-group').map((f) => f.key));
  const out: string[] = [];
  for (const batch of batches) {
    for (const e of batch.events as unknown as Json[]) {
      if (e['kind'] !== 'exposure') continue;
      const flag = e['flagKey'] as string;
      const set = exclusion.has(flag) ? {} : { [`[Experiment] ${flag}`]: e['variantKey'] };
      out.push(form(e['userId'], e['deviceId'], flag, e['variantKey'], e['experimentKey'], set, e['insertId']));
    }
  }
  return out.sort();
}

async function run(flags: readonly EvaluationFlag[], name: string, seed: number): Promise<{ theirs: string[]; ours: string[]; theirAssignments: string[]; ourAssignments: string[] }> {
  const { server, url, events } = await amplitudeServer(flags);
  const theirs = Experiment.initializeLocal(`exposure-test-${name}`, {
    serverUrl: url,
    loggerProvider: quiet,
    flagConfigPollingIntervalMillis: 600_000,
    exposureConfig: { apiKey: 'exposure-api-key', serverUrl: `${url}/2/httpapi`, flushQueueSize: 1, flushIntervalMillis: 10, logLevel: 0 } as never,
    assignmentConfig: { apiKey: 'assignment-api-key', serverUrl: `${url}/2/httpapi`, flushQueueSize: 1, flushIntervalMillis: 10, logLevel: 0 } as never,
  });
  const batches: EventBatch[] = [];
  const ours = await ensignClient(flags, {
    events: true,
    sdkKey: 'exposure-test',
    exposureConfig: {},
    assignmentConfig: {},
    eventDispatcher: { dispatch: (batch: EventBatch) => (batches.push(batch), Promise.resolve({ delivered: true, status: 200 })) },
  });
  try {
    await theirs.start();
    const r = createRandom(seed);
    const keys = flags.map((f) => f.key);
    const users = generateUsers(200, seed);
    // Each user evaluated twice or three times, with all flags or some: the same evaluation again is deduplicated.
    for (let round = 0; round < 3; round++) {
      for (const user of users) {
        if (round === 2 && r.chance(0.5)) continue;
        // A flag that reads another's result without declaring it ("undeclared-earlier") answers otherwise in
        // Amplitude when asked without it (the importer warns; dependencies.test.ts): not asked for alone.
        const some = r.chance(0.5) ? undefined : keys.filter((k) => k !== 'undeclared-earlier' && r.chance(0.5));
        theirs.evaluateV2(structuredClone(user) as never, some, { tracksExposure: true });
        ours.evaluate(structuredClone(user) as never, some, { tracksExposure: true });
      }
    }
    await ours.flush();
    // Amplitude's analytics client sends each event as it comes (flushQueueSize 1): wait until it has settled.
    let last = -1;
    for (let i = 0; i < 200 && events.length !== last; i++) {
      last = events.length;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    theirs.stop();
    await ours.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return { theirs: fromAmplitude(events), ours: fromEnsign(batches, flags), theirAssignments: assignmentsFromAmplitude(events), ourAssignments: assignmentsFromEnsign(batches, flags) };
}

function differences(a: readonly string[], b: readonly string[]): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  const onlyTheirs = a.filter((x) => !b.includes(x)).slice(0, 4);
  const onlyOurs = b.filter((x) => !a.includes(x)).slice(0, 4);
  return `Amplitude ${a.length}, Ensign ${b.length}\n  only Amplitude:\n    ${onlyTheirs.join('\n    ')}\n  only Ensign:\n    ${onlyOurs.join('\n    ')}`;
}

describe("the Amplitude face's exposure and assignment events, against Amplitude's Node server SDK", () => {
  for (const [name, flags, seed] of [['bucketing', bucketFlags(), 101], ['dependency', dependencyFlags(), 102]] as const) {
    it(`are the same for generated users evaluated again and again (${name} flags)`, async () => {
      const { theirs, ours, theirAssignments, ourAssignments } = await run(flags, name, seed);
      expect(differences(theirs, ours)).toBe('');
      expect(theirs.length).toBeGreaterThan(100);
      // And the (deprecated) assignment events, one per evaluation, deduplicated the same way.
      expect(differences(theirAssignments, ourAssignments)).toBe('');
      expect(theirAssignments.length).toBeGreaterThan(100);
    }, 60_000);
  }
});
