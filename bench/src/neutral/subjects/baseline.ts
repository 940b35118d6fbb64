// The neutral baseline: what the least work for these flags looks like, allocating nothing. A `Map` lookup of the
// flag, the rule as comparisons of the call's attributes, an inline murmur3 over the fresh key (the flag's
// `${key}/` prefix hashed once), and a compare with the 50/50 split. It buckets exactly as Ensign's datafile does
// (seed = the flag key), so its decisions are Ensign's (checked in the smoke test).
import { FLAG_COUNT, flagKey, RULE_PLAN } from '../../workload/spec.js';
import { hashKey, prefixState, type PrefixState } from '../murmur.js';
import type { NeutralOp } from '../op.js';
import type { NeutralPool } from '../users.js';

export interface BaselineFlag {
  readonly prefix: PrefixState;
  /** Buckets (in [0, 100000)) from here up serve `on`. */
  readonly split: number;
}

const TWO_POW_32 = 4_294_967_296;

function flags(): { byKey: Map<string, BaselineFlag>; keys: string[] } {
  const byKey = new Map<string, BaselineFlag>();
  const keys: string[] = [];
  for (let i = 0; i < FLAG_COUNT; i++) {
    const key = flagKey(i);
    keys.push(key);
    byKey.set(key, { prefix: prefixState(`${key}/`), split: 50_000 });
  }
  return { byKey, keys };
}

/** One decision: true when the flag serves `on` to this user. */
export function baselineOn(flag: BaselineFlag, key: string, country: string, plan: string): boolean {
  if ((country === 'US' || country === 'CA') && plan === RULE_PLAN) return true;
  return Math.floor((hashKey(flag.prefix, key) / TWO_POW_32) * 100_000) >= flag.split;
}

/** W1: one flag for a fresh user per call. */
export async function baselineW1(pool: NeutralPool): Promise<NeutralOp> {
  const { byKey, keys } = flags();
  const { ids, countries, plans } = pool;
  return {
    evaluations: 1,
    run: (i) => baselineOn(byKey.get(keys[i % FLAG_COUNT] as string) as BaselineFlag, ids[i] as string, countries[i] as string, plans[i] as string),
  };
}

/** W2: every flag for one fresh user per call, into a reused array. */
export async function baselineW2(pool: NeutralPool): Promise<NeutralOp> {
  const { byKey } = flags();
  const all = [...byKey.values()];
  const out = new Uint8Array(all.length);
  const { ids, countries, plans } = pool;
  return {
    evaluations: FLAG_COUNT,
    run: (i) => {
      const id = ids[i] as string;
      const country = countries[i] as string;
      const plan = plans[i] as string;
      for (let f = 0; f < all.length; f++) out[f] = baselineOn(all[f] as BaselineFlag, id, country, plan) ? 1 : 0;
      return out;
    },
  };
}

/**
 * W1's floor for an SDK (`least-sdk`): the context literal every SDK row builds per call (`contextOf`), then the
 * baseline's decision read from that context's `key`, `country` and `plan`: the least an SDK that takes a context
 * object can do on this workload. It checks nothing (readiness, the context's shape, the flag key's type), builds no
 * result and has no hooks or events. Small enough for V8 to inline whole into the loop, where escape analysis then
 * leaves the literal unbuilt (its fields are read straight from the pool's arrays): an SDK's evaluation, larger than
 * V8's inlining budget, gets the object built.
 */
export async function leastSdkW1(contextOf: (i: number) => Record<string, unknown>): Promise<NeutralOp> {
  const { byKey, keys } = flags();
  return {
    evaluations: 1,
    run: (i) => leastDecide(byKey.get(keys[i % FLAG_COUNT] as string) as BaselineFlag, contextOf(i)),
  };
}

/** The decision of `least-sdk`: the baseline's, from the context's key, country and plan. */
export function leastDecide(flag: BaselineFlag, context: Record<string, unknown>): boolean {
  return baselineOn(flag, context['key'] as string, context['country'] as string, context['plan'] as string);
}
