// LaunchDarkly (`@launchdarkly/node-server-sdk` 9.x): the benchmark flags as LaunchDarkly flag JSON
// (`/sdk/latest-all` shape), fed to a real client through an in-memory data source (the same revive step as the
// polling path), then `await client.variation(key, context, false)` per call. W4 sets `trackEvents` on the flags
// (a full feature event per evaluation) and sends events to a loopback discard server on 127.0.0.1 at the SDK's
// default capacity (10 000) and flush interval (5 s).
import { basicLogger, init, reviveFullPayload, type LDClient, type LDOptions } from '@launchdarkly/node-server-sdk';
import type { Subject } from '../harness/subject.js';
import { FLAG_COUNT, flagKey, flagSalt, ruleId, RULE_COUNTRIES, RULE_PLAN, VARIATION_KEYS, type Decision } from '../workload/spec.js';
import { eventCounts, resetEventCounts } from '../harness/discard-server.js';

/** The LaunchDarkly flag JSON of benchmark flag `i`. */
export function launchdarklyFlag(i: number, trackEvents = false): Record<string, unknown> {
  return {
    key: flagKey(i),
    version: 1,
    on: true,
    salt: flagSalt(i),
    variations: [false, true],
    offVariation: 0,
    targets: [],
    contextTargets: [],
    prerequisites: [],
    rules: [
      {
        id: ruleId(i),
        variation: 1,
        trackEvents: false,
        clauses: [
          { contextKind: 'user', attribute: 'country', op: 'in', values: [...RULE_COUNTRIES], negate: false },
          { contextKind: 'user', attribute: 'plan', op: 'in', values: [RULE_PLAN], negate: false },
        ],
      },
    ],
    fallthrough: { rollout: { variations: [{ variation: 0, weight: 50_000 }, { variation: 1, weight: 50_000 }] } },
    trackEvents,
    trackEventsFallthrough: false,
    clientSide: false,
    deleted: false,
  };
}

/** The `{ flags, segments }` payload of the first `n` flags. */
export function launchdarklyPayload(n: number, trackEvents = false): { flags: Record<string, unknown>; segments: Record<string, unknown> } {
  const flags: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) flags[flagKey(i)] = launchdarklyFlag(i, trackEvents);
  return { flags, segments: {} };
}

/** An update processor that loads the payload text into the client's store, as the polling data source does. */
function inMemoryDataSource(text: string): NonNullable<LDOptions['updateProcessor']> {
  return (_context, updates, initSuccess) => ({
    start() {
      const data = reviveFullPayload(JSON.parse(text) as Record<string, unknown>);
      updates.init({ features: data.flags, segments: data.segments }, initSuccess);
    },
    stop() {},
    close() {},
  });
}

async function readyClient(text: string, events?: { eventsUri: string }): Promise<LDClient> {
  const client = init('sdk-bench-key', {
    updateProcessor: inMemoryDataSource(text),
    logger: basicLogger({ level: 'none' }),
    diagnosticOptOut: true,
    sendEvents: events !== undefined,
    ...(events ? { eventsUri: events.eventsUri } : {}),
  });
  await client.waitForInitialization({ timeout: 10 });
  return client;
}

function keys(): string[] {
  return Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));
}

/** LaunchDarkly's Node server SDK: W1, W2 (`allFlagsState`), W3, W4 (events to the loopback server). */
export const launchdarkly: Subject = {
  name: 'launchdarkly',
  async w1() {
    const client = await readyClient(JSON.stringify(launchdarklyPayload(FLAG_COUNT)));
    const k = keys();
    return {
      async: true,
      evaluationsPerCall: 1,
      run: (flag, id, country, plan) => client.variation(k[flag] as string, { kind: 'user', key: id, country, plan }, false),
      close: () => client.close(),
    };
  },
  async w2() {
    const client = await readyClient(JSON.stringify(launchdarklyPayload(FLAG_COUNT)));
    return {
      async: true,
      evaluationsPerCall: FLAG_COUNT,
      run: (id, country, plan) => client.allFlagsState({ kind: 'user', key: id, country, plan }),
      close: () => client.close(),
    };
  },
  async w3(flags) {
    const text = JSON.stringify(launchdarklyPayload(flags));
    return {
      async: true,
      evaluationsPerCall: 1,
      // Text to ready: init with the in-memory data source until waitForInitialization resolves.
      run: async () => {
        const client = await readyClient(text);
        client.close();
        return client;
      },
    };
  },
  async w4(env) {
    await resetEventCounts(env.eventsUrl);
    const client = await readyClient(JSON.stringify(launchdarklyPayload(FLAG_COUNT, true)), { eventsUri: env.eventsUrl });
    const k = keys();
    let expected = 0;
    return {
      async: true,
      decide: (flag, id, country, plan) => {
        expected++;
        return client.variation(k[flag] as string, { kind: 'user', key: id, country, plan }, false);
      },
      // close() alone drops what is queued: a graceful shutdown flushes first.
      close: async () => {
        await client.flush();
        client.close();
      },
      closeNote: 'await flush(); close() (close alone does not flush)',
      counts: async () => {
        const c = await eventCounts(env.eventsUrl);
        const feature = c.kinds['feature'] ?? 0;
        return {
          expected,
          delivered: feature,
          other: c.events - feature,
          note: `feature events received by a loopback server (${c.posts} POSTs; other = index + summary)`,
        };
      },
    };
  },
  async decisions() {
    const client = await readyClient(JSON.stringify(launchdarklyPayload(FLAG_COUNT)));
    return {
      async decide(flag, id, country, plan): Promise<Decision> {
        const d = await client.variationDetail(flagKey(flag), { kind: 'user', key: id, country, plan }, false);
        const branch = d.reason.kind === 'RULE_MATCH' ? 'rule' : d.reason.kind === 'FALLTHROUGH' ? 'rollout' : null;
        const index = d.variationIndex;
        return { variation: typeof index === 'number' ? (VARIATION_KEYS[index] ?? null) : null, branch };
      },
      async close() {
        client.close();
      },
    };
  },
};
