// The one workload every implementation runs, described once, vendor-neutrally. Each peer module writes these same
// flags in its vendor's own format; the Ensign modules write them in the native datafile.
//
// Flag i (`flag-<i>`): two variations, `off` (false) and `on` (true); one rule
// `country in [US, CA] and plan == "pro"` serving `on`; everyone else goes through a 50/50 rollout of off/on.

/** Flags of W1, W2 and W4. */
export const FLAG_COUNT = 100;

/** Flags of W3 (the init / compile workload). */
export const BIG_FLAG_COUNT = 10_000;

/** Countries the rule lets in. */
export const RULE_COUNTRIES = Object.freeze(['US', 'CA'] as const);

/** The plan the rule asks for. */
export const RULE_PLAN = 'pro';

/** Variation keys, in the order vendors that index variations (LaunchDarkly) use: 0 = off, 1 = on. */
export const VARIATION_KEYS = Object.freeze(['off', 'on'] as const);

/** A variation key of the benchmark flags. */
export type VariationKey = (typeof VARIATION_KEYS)[number];

/** Which branch of a flag decided: the targeting rule or the rollout. */
export type Branch = 'rule' | 'rollout';

/** One decision as every implementation can report it, for the cross-check. */
export interface Decision {
  variation: VariationKey | null;
  branch: Branch | null;
}

/** The key of flag `i`. */
export function flagKey(i: number): string {
  return `flag-${i}`;
}

/** The salt (or seed) of flag `i`, shared by every vendor's hash input so hash modes can line up. */
export function flagSalt(i: number): string {
  return `salt-${i}`;
}

/** The id of the rule of flag `i` (LaunchDarkly rule id, GrowthBook rule id, Ensign rule id). */
export function ruleId(i: number): string {
  return `${flagKey(i)}-targeted`;
}

/** The id of the rollout rule of flag `i` where a vendor names it (GrowthBook, Optimizely key). */
export function rolloutRuleId(i: number): string {
  return `${flagKey(i)}-everyone-else`;
}

/** Whether the rule of every flag matches these attributes (the reference semantics). */
export function ruleMatches(country: string, plan: string): boolean {
  return (country === 'US' || country === 'CA') && plan === RULE_PLAN;
}

/** Keys of the first `n` flags. */
export function flagKeys(n: number): string[] {
  return Array.from({ length: n }, (_, i) => flagKey(i));
}
