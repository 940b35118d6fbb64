// The full vendor SDKs on the neutral workload (wall-clock rows only): GrowthBook's server client, LaunchDarkly's
// Node server SDK and Optimizely's SDK, each fed the same flags as the main bench (../../peers) and a user with the
// seven attributes built per call. W4: GrowthBook's trackingCallback and Optimizely's batch event processor at their
// defaults with a counting dispatcher (LaunchDarkly's events need its HTTP endpoint: see the main bench's W4).
import { GrowthBookClient } from '@growthbook/growthbook';
import { basicLogger, init, reviveFullPayload, type LDClient } from '@launchdarkly/node-server-sdk';
import { createBatchEventProcessor, createInstance, createStaticProjectConfigManager, type Client, type EventDispatcher } from '@optimizely/optimizely-sdk';
import { growthbookPayload } from '../../peers/growthbook.js';
import { launchdarklyPayload } from '../../peers/launchdarkly.js';
import { optimizelyDatafile } from '../../peers/optimizely-datafile.js';
import { FLAG_COUNT, flagKey } from '../../workload/spec.js';
import type { NeutralOp } from '../op.js';
import type { NeutralPool } from '../users.js';

const keys = (): string[] => Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));

/** The six attributes besides the key, as a plain object (GrowthBook adds `id`, Optimizely takes them as they are). */
function attributesOf(pool: NeutralPool): (i: number) => Record<string, string | number | boolean> {
  const { countries, plans, emails, versions, ages, betas } = pool;
  return (i) => ({ country: countries[i] as string, plan: plans[i] as string, email: emails[i] as string, appVersion: versions[i] as string, age: ages[i] as number, beta: betas[i] as boolean });
}

function growthbook(onTrack?: () => void): GrowthBookClient {
  const gb = new GrowthBookClient(onTrack ? { trackingCallback: () => onTrack() } : {});
  gb.initSync({ payload: growthbookPayload(FLAG_COUNT) });
  return gb;
}

function gbAttributes(pool: NeutralPool): (i: number) => Record<string, unknown> {
  const { ids, countries, plans, emails, versions, ages, betas } = pool;
  return (i) => ({ id: ids[i], country: countries[i], plan: plans[i], email: emails[i], appVersion: versions[i], age: ages[i], beta: betas[i] });
}

/** GrowthBook W1: `evalFeature(key, { attributes })`. */
export async function growthbookW1(pool: NeutralPool): Promise<NeutralOp> {
  const gb = growthbook();
  const k = keys();
  const attributes = gbAttributes(pool);
  return { evaluations: 1, run: (i) => gb.evalFeature(k[i % FLAG_COUNT] as string, { attributes: attributes(i) }), finish: async () => (gb.destroy(), {}) };
}

/** GrowthBook W2: one user context, `evalFeature` for every flag. */
export async function growthbookW2(pool: NeutralPool): Promise<NeutralOp> {
  const gb = growthbook();
  const k = keys();
  const attributes = gbAttributes(pool);
  return {
    evaluations: FLAG_COUNT,
    run: (i) => {
      const user = { attributes: attributes(i) };
      const out: Record<string, unknown> = {};
      for (const key of k) out[key] = gb.evalFeature(key, user).value;
      return out;
    },
    finish: async () => (gb.destroy(), {}),
  };
}

/** GrowthBook W4: W1 with `trackingCallback` counting (it fires for the experiment branch). */
export async function growthbookW4(pool: NeutralPool): Promise<NeutralOp> {
  let tracked = 0;
  const gb = growthbook(() => void tracked++);
  const k = keys();
  const attributes = gbAttributes(pool);
  return {
    evaluations: 1,
    run: (i) => gb.evalFeature(k[i % FLAG_COUNT] as string, { attributes: attributes(i) }),
    finish: async () => {
      const start = performance.now();
      gb.destroy();
      return { closeMs: Math.round((performance.now() - start) * 10) / 10, events: tracked, dropped: 0 };
    },
  };
}

async function launchdarkly(): Promise<LDClient> {
  const text = JSON.stringify(launchdarklyPayload(FLAG_COUNT));
  const client = init('sdk-bench-key', {
    updateProcessor: (_c, updates, initSuccess) => ({
      start() {
        const data = reviveFullPayload(JSON.parse(text) as Record<string, unknown>);
        updates.init({ features: data.flags, segments: data.segments }, initSuccess);
      },
      stop() {},
      close() {},
    }),
    logger: basicLogger({ level: 'none' }),
    diagnosticOptOut: true,
    sendEvents: false,
  });
  await client.waitForInitialization({ timeout: 10 });
  return client;
}

/** LaunchDarkly W1: `await variation(key, context, false)`. */
export async function launchdarklyW1(pool: NeutralPool): Promise<NeutralOp> {
  const client = await launchdarkly();
  const k = keys();
  const attributes = attributesOf(pool);
  const { ids } = pool;
  return {
    evaluations: 1,
    async: true,
    run: (i) => client.variation(k[i % FLAG_COUNT] as string, { kind: 'user', key: ids[i] as string, ...attributes(i) }, false),
    finish: async () => (client.close(), {}),
  };
}

/** LaunchDarkly W2: `await allFlagsState(context)`. */
export async function launchdarklyW2(pool: NeutralPool): Promise<NeutralOp> {
  const client = await launchdarkly();
  const attributes = attributesOf(pool);
  const { ids } = pool;
  return {
    evaluations: FLAG_COUNT,
    async: true,
    run: (i) => client.allFlagsState({ kind: 'user', key: ids[i] as string, ...attributes(i) }),
    finish: async () => (client.close(), {}),
  };
}

async function optimizely(dispatcher?: EventDispatcher): Promise<Client> {
  const client = createInstance({
    projectConfigManager: createStaticProjectConfigManager({ datafile: JSON.stringify(optimizelyDatafile(FLAG_COUNT, { sendFlagDecisions: dispatcher !== undefined })) }),
    ...(dispatcher ? { eventProcessor: createBatchEventProcessor({ eventDispatcher: dispatcher, closingEventDispatcher: dispatcher }) } : {}),
  });
  await client.onReady({ timeout: 10_000 });
  return client;
}

/** Optimizely W1: `createUserContext(id, attributes).decide(key)`. */
export async function optimizelyW1(pool: NeutralPool): Promise<NeutralOp> {
  const client = await optimizely();
  const k = keys();
  const attributes = attributesOf(pool);
  const { ids } = pool;
  return {
    evaluations: 1,
    run: (i) => client.createUserContext(ids[i] as string, attributes(i))?.decide(k[i % FLAG_COUNT] as string),
    finish: async () => (await client.close(), {}),
  };
}

/** Optimizely W2: `createUserContext(id, attributes).decideAll()`. */
export async function optimizelyW2(pool: NeutralPool): Promise<NeutralOp> {
  const client = await optimizely();
  const attributes = attributesOf(pool);
  const { ids } = pool;
  return { evaluations: FLAG_COUNT, run: (i) => client.createUserContext(ids[i] as string, attributes(i))?.decideAll(), finish: async () => (await client.close(), {}) };
}

/** Optimizely W4: W1 with the batch event processor at its defaults and a counting dispatcher. */
export async function optimizelyW4(pool: NeutralPool): Promise<NeutralOp> {
  let decisions = 0;
  const dispatcher: EventDispatcher = {
    dispatchEvent(event) {
      for (const visitor of event.params.visitors) for (const snapshot of visitor.snapshots) decisions += snapshot.decisions?.length ?? 0;
      return Promise.resolve({ statusCode: 200 });
    },
  };
  const client = await optimizely(dispatcher);
  const k = keys();
  const attributes = attributesOf(pool);
  const { ids } = pool;
  return {
    evaluations: 1,
    run: (i) => client.createUserContext(ids[i] as string, attributes(i))?.decide(k[i % FLAG_COUNT] as string),
    finish: async () => {
      const start = performance.now();
      await client.close();
      return { closeMs: Math.round((performance.now() - start) * 10) / 10, events: decisions };
    },
  };
}
