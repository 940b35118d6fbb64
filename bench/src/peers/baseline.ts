// The hand-written baseline: what the fastest possible code for exactly these 100 flags looks like. A `Map` lookup,
// the rule as two comparisons, MurmurHash3 (the same library Ensign uses) of `salt/id`, and a compare against the
// 50/50 split point. It knows nothing but this flag shape, so it is the floor, not a competitor.
import { createRequire } from 'node:module';
import type { Subject } from '../harness/subject.js';
import { FLAG_COUNT, flagKey, flagSalt, RULE_PLAN, type Decision, type VariationKey } from '../workload/spec.js';

interface BaselineFlag {
  key: string;
  salt: string;
  /** Bucket values below this are `off`, in [0, 100000). */
  split: number;
}

/** What one baseline decision returns: enough to be a real result, no more. */
export interface BaselineResult {
  value: boolean;
  variation: VariationKey;
  ruleMatched: boolean;
}

/** The part of murmurhash3js-revisited the baseline uses (the package ships no types). */
interface Murmur3 {
  x86: { hash32(bytes: Uint8Array, seed?: number): number };
}

const murmur = createRequire(import.meta.url)('murmurhash3js-revisited') as Murmur3;
const encoder = new TextEncoder();
/** Hash input bytes, reused: `encodeInto` a scratch buffer is several times faster than `encode` for short keys. */
const scratch = new Uint8Array(1_024);

function build(flags: number): { byKey: Map<string, BaselineFlag>; keys: string[] } {
  const byKey = new Map<string, BaselineFlag>();
  const keys: string[] = [];
  for (let i = 0; i < flags; i++) {
    const key = flagKey(i);
    keys.push(key);
    byKey.set(key, { key, salt: flagSalt(i), split: 50_000 });
  }
  return { byKey, keys };
}

/** The baseline decision: the rule, else the murmur3 bucket in [0, 100000) against the split. */
export function baselineDecide(flag: BaselineFlag, user: { id: string; country: string; plan: string }): BaselineResult {
  if ((user.country === 'US' || user.country === 'CA') && user.plan === RULE_PLAN) {
    return { value: true, variation: 'on', ruleMatched: true };
  }
  const input = `${flag.salt}/${user.id}`;
  const { read, written } = encoder.encodeInto(input, scratch);
  const bytes = read === input.length ? scratch.subarray(0, written) : encoder.encode(input);
  const hash = murmur.x86.hash32(bytes, 0);
  const bucket = Math.floor((hash / 4_294_967_296) * 100_000);
  const on = bucket >= flag.split;
  return { value: on, variation: on ? 'on' : 'off', ruleMatched: false };
}

/** The hand-written baseline: W1 and W2 (it has no configuration to load and no events). */
export const baseline: Subject = {
  name: 'baseline',
  async w1() {
    const { byKey, keys } = build(FLAG_COUNT);
    return {
      async: false,
      evaluationsPerCall: 1,
      run: (flag, id, country, plan) => {
        const user = { id, country, plan };
        const compiled = byKey.get(keys[flag] as string);
        return compiled === undefined ? null : baselineDecide(compiled, user);
      },
    };
  },
  async w2() {
    const { byKey } = build(FLAG_COUNT);
    return {
      async: false,
      evaluationsPerCall: FLAG_COUNT,
      run: (id, country, plan) => {
        const user = { id, country, plan };
        const out: Record<string, BaselineResult> = {};
        for (const [key, compiled] of byKey) out[key] = baselineDecide(compiled, user);
        return out;
      },
    };
  },
  async decisions() {
    const { byKey, keys } = build(FLAG_COUNT);
    return {
      async decide(flag, id, country, plan): Promise<Decision> {
        const r = baselineDecide(byKey.get(keys[flag] as string) as BaselineFlag, { id, country, plan });
        return { variation: r.variation, branch: r.ruleMatched ? 'rule' : 'rollout' };
      },
      async close() {},
    };
  },
};
