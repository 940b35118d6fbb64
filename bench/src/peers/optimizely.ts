// Optimizely Feature Experimentation (`@optimizely/optimizely-sdk` 6.x): `createInstance` with a static project
// config manager, `createUserContext(id, attributes).decide(key)` per call. W4 adds the batch event processor at
// its defaults (batch 10, flush 30 s on Node) with a counting discard dispatcher, and `sendFlagDecisions` so that
// delivery-rule decisions send impressions.
import {
  createBatchEventProcessor,
  createInstance,
  createStaticProjectConfigManager,
  type Client,
  type EventDispatcher,
  type LogEvent,
} from '@optimizely/optimizely-sdk';
import type { Subject } from '../harness/subject.js';
import { FLAG_COUNT, flagKey, ruleId, rolloutRuleId, type Decision } from '../workload/spec.js';
import { optimizelyDatafile } from './optimizely-datafile.js';

async function readyClient(datafileText: string, dispatcher?: EventDispatcher): Promise<Client> {
  const client = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: datafileText }),
    ...(dispatcher ? { eventProcessor: createBatchEventProcessor({ eventDispatcher: dispatcher, closingEventDispatcher: dispatcher }) } : {}),
  });
  await client.onReady({ timeout: 10_000 });
  return client;
}

function keys(): string[] {
  return Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));
}

/** Counts the decisions in the batches a dispatcher receives, and discards them. */
function countingDispatcher(): { dispatcher: EventDispatcher; decisions: () => number; batches: () => number } {
  let decisions = 0;
  let batches = 0;
  const dispatcher: EventDispatcher = {
    dispatchEvent(event: LogEvent) {
      batches++;
      for (const visitor of event.params.visitors) {
        for (const snapshot of visitor.snapshots) decisions += snapshot.decisions?.length ?? 0;
      }
      return Promise.resolve({ statusCode: 200 });
    },
  };
  return { dispatcher, decisions: () => decisions, batches: () => batches };
}

/** Optimizely's SDK: W1 `decide`, W2 `decideAll`, W3, W4 (batch event processor). */
export const optimizely: Subject = {
  name: 'optimizely',
  async w1() {
    const client = await readyClient(JSON.stringify(optimizelyDatafile(FLAG_COUNT)));
    const k = keys();
    return {
      async: false,
      evaluationsPerCall: 1,
      run: (flag, id, country, plan) => client.createUserContext(id, { country, plan }).decide(k[flag] as string),
      close: async () => {
        await client.close();
      },
    };
  },
  async w2() {
    const client = await readyClient(JSON.stringify(optimizelyDatafile(FLAG_COUNT)));
    return {
      async: false,
      evaluationsPerCall: FLAG_COUNT,
      run: (id, country, plan) => client.createUserContext(id, { country, plan }).decideAll(),
      close: async () => {
        await client.close();
      },
    };
  },
  async w3(flags) {
    const text = JSON.stringify(optimizelyDatafile(flags));
    return {
      async: true,
      evaluationsPerCall: 1,
      // Text to ready: the static config manager parses the datafile; ready when onReady resolves.
      run: async () => {
        const client = await readyClient(text);
        void client.close();
        return client;
      },
    };
  },
  async w4() {
    const counting = countingDispatcher();
    const client = await readyClient(JSON.stringify(optimizelyDatafile(FLAG_COUNT, { sendFlagDecisions: true })), counting.dispatcher);
    const k = keys();
    let expected = 0;
    return {
      async: false,
      decide: (flag, id, country, plan) => {
        expected++;
        return client.createUserContext(id, { country, plan }).decide(k[flag] as string);
      },
      close: async () => {
        await client.close();
      },
      counts: async () => ({
        expected,
        delivered: counting.decisions(),
        other: counting.batches(),
        note: 'decisions in batches handed to a counting EventDispatcher (other = batches)',
      }),
    };
  },
  async decisions() {
    const client = await readyClient(JSON.stringify(optimizelyDatafile(FLAG_COUNT)));
    return {
      async decide(flag, id, country, plan): Promise<Decision> {
        const d = client.createUserContext(id, { country, plan }).decide(flagKey(flag));
        const branch = d.ruleKey === ruleId(flag) ? 'rule' : d.ruleKey === rolloutRuleId(flag) ? 'rollout' : null;
        const variation = d.variationKey === 'on' ? 'on' : d.variationKey === 'off' ? 'off' : null;
        return { variation, branch };
      },
      async close() {
        await client.close();
      },
    };
  },
};
