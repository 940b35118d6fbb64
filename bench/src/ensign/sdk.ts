// Ensign's facade rows: the same datafile through @ensign/node-sdk's three faces, beside the raw evaluator.
// - decide:    client.createUserContext(id, { country, plan }).decide(key)      (Optimizely's face)
// - variation: client.variation(key, { kind: 'user', key: id, country, plan }, false)   (LaunchDarkly's face)
// - evaluate:  client.evaluate({ user_id: id, country, user_properties: { plan } }, flagKeys)   (Amplitude's face;
//              the datafile's rule reads `/user_properties/plan` for it, as an Amplitude-shaped datafile would)
// W4 (decide) turns decision events on the Optimizely way (`settings.sendFlagDecisions`) and sends them with the
// client's own HTTP dispatcher to the loopback discard server, at the client's default batching.
import type { Datafile } from '@ensign/datafile-schema';
import type { EnsignClient } from '@ensign/node-sdk';
import { eventCounts, resetEventCounts } from '../harness/discard-server.js';
import { requireExports } from '../harness/missing.js';
import type { DecideAll, DecideOne, EventSession, Op, Subject } from '../harness/subject.js';
import { FLAG_COUNT, flagKey, VARIATION_KEYS, type Decision, type VariationKey } from '../workload/spec.js';
import { benchDatafile } from './api.js';
import type { PlanAttribute } from './datafile.js';

type BenchClient = EnsignClient;
type SdkApi = Pick<typeof import('@ensign/node-sdk'), 'createClient'>;

async function readyClient(datafile: Datafile, extra: Record<string, unknown> = {}): Promise<BenchClient> {
  const { createClient } = await requireExports<SdkApi>('@ensign/node-sdk', ['createClient']);
  const client = createClient({ datafile: JSON.stringify(datafile), logger: quietLogger, ...extra });
  const ready = await client.onReady({ timeout: 10_000 });
  if (!ready.success) throw new Error(`the node-sdk client did not become ready: ${ready.reason ?? 'no reason given'}`);
  return client;
}

const noop = () => {};
const quietLogger = { debug: noop, info: noop, warn: noop, error: noop };

function asVariation(key: unknown): VariationKey | null {
  return key === 'on' || key === 'off' ? key : null;
}

/** Decisions through a face, for the cross-check against the raw evaluator (the variation; the branch is null). */
async function facadeDecisions(
  decide: (client: BenchClient, flag: number, id: string, country: string, plan: string) => VariationKey | null,
  planAttribute: PlanAttribute = 'plan',
): ReturnType<NonNullable<Subject['decisions']>> {
  const client = await readyClient((await benchDatafile(FLAG_COUNT, planAttribute)).datafile);
  return {
    decide: async (flag, id, country, plan): Promise<Decision> => ({ variation: decide(client, flag, id, country, plan), branch: null }),
    close: async () => void (await client.close()),
  };
}

function keys(): string[] {
  return Array.from({ length: FLAG_COUNT }, (_, i) => flagKey(i));
}

async function w1With(run: (client: BenchClient, keys: string[]) => DecideOne, planAttribute: PlanAttribute = 'plan'): Promise<Op<DecideOne>> {
  const client = await readyClient((await benchDatafile(FLAG_COUNT, planAttribute)).datafile);
  return { async: false, evaluationsPerCall: 1, run: run(client, keys()), close: async () => void (await client.close()) };
}

/** node-sdk, Optimizely's face: W1 `decide`, W4 `decide` with decision events over HTTP. */
export const ensignSdkDecide: Subject = {
  name: 'ensign-sdk-decide',
  decisions: () => facadeDecisions((client, flag, id, country, plan) => asVariation(client.createUserContext(id, { country, plan }).decide(flagKey(flag)).variationKey)),
  w1: () => w1With((client, k) => (flag, id, country, plan) => client.createUserContext(id, { country, plan }).decide(k[flag] as string)),
  async w4(env): Promise<EventSession> {
    await resetEventCounts(env.eventsUrl);
    const datafile: Datafile = { ...(await benchDatafile(FLAG_COUNT)).datafile, settings: { sendFlagDecisions: true } };
    const client = await readyClient(datafile, { sdkKey: 'bench-sdk-key', eventsUrl: `${env.eventsUrl}/events` });
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
      closeNote: 'client.close() (flushes, bounded by its 2 s default)',
      counts: async () => {
        const c = await eventCounts(env.eventsUrl);
        const decisions = c.kinds['decision'] ?? 0;
        return {
          expected,
          delivered: decisions,
          other: c.events - decisions,
          note: `decision events POSTed by the client's HTTP dispatcher to a loopback server (${c.posts} POSTs; other = index + summary)`,
        };
      },
    };
  },
};

/** node-sdk, LaunchDarkly's face: W1 `variation`. */
export const ensignSdkVariation: Subject = {
  name: 'ensign-sdk-variation',
  decisions: () =>
    facadeDecisions((client, flag, id, country, plan) => {
      const detail = client.variationDetail(flagKey(flag), { kind: 'user', key: id, country, plan }, false);
      return typeof detail.variationIndex === 'number' ? (VARIATION_KEYS[detail.variationIndex] ?? null) : null;
    }),
  w1: () => w1With((client, k) => (flag, id, country, plan) => client.variation(k[flag] as string, { kind: 'user', key: id, country, plan }, false)),
};

/** Amplitude users carry custom properties under `user_properties`, so the rule reads the plan there. */
const AMPLITUDE_PLAN: PlanAttribute = '/user_properties/plan';

/** node-sdk, Amplitude's face: W1 `evaluate(user, [key])`, W2 `evaluate(user, allKeys)`. */
export const ensignSdkEvaluate: Subject = {
  name: 'ensign-sdk-evaluate',
  decisions: () =>
    facadeDecisions((client, flag, id, country, plan) => {
      const key = flagKey(flag);
      return asVariation(client.evaluate({ user_id: id, country, user_properties: { plan } }, [key])[key]?.key);
    }, AMPLITUDE_PLAN),
  w1: () =>
    w1With(
      (client, k) => {
        const one = k.map((key) => [key]);
        return (flag, id, country, plan) => client.evaluate({ user_id: id, country, user_properties: { plan } }, one[flag] as string[]);
      },
      AMPLITUDE_PLAN,
    ),
  async w2(): Promise<Op<DecideAll>> {
    const client = await readyClient((await benchDatafile(FLAG_COUNT, AMPLITUDE_PLAN)).datafile);
    const all = keys();
    return {
      async: false,
      evaluationsPerCall: FLAG_COUNT,
      run: (id, country, plan) => client.evaluate({ user_id: id, country, user_properties: { plan } }, all),
      close: async () => void (await client.close()),
    };
  },
};
