import type { ForcedDecision } from '@ensign/evaluator-core';

/** Which decision a forced decision applies to: a whole flag, or one of its rules. */
export interface OptimizelyDecisionContext {
  flagKey: string;
  ruleKey?: string | null;
}

/** The variation a decision is forced to. */
export interface OptimizelyForcedDecision {
  variationKey: string;
}

/** The forced decisions of one user context. */
export interface ForcedDecisions {
  set(context: unknown, decision: unknown): boolean;
  get(context: unknown): OptimizelyForcedDecision | null;
  remove(context: unknown): boolean;
  clear(): boolean;
  /** The evaluator's form, rebuilt only after a change. */
  list(): readonly ForcedDecision[];
}

// "$opt_null_rule_key" is Optimizely's key for a flag-level forced decision; a NUL separator cannot occur in keys.
const keyOf = (flagKey: string, ruleKey: string | undefined) => `${flagKey}\u0000${ruleKey ?? '$opt_null_rule_key'}`;

function parseContext(context: unknown): { flagKey: string; ruleKey: string | undefined } | null {
  if (typeof context !== 'object' || context === null) return null;
  const { flagKey, ruleKey } = context as { flagKey?: unknown; ruleKey?: unknown };
  if (typeof flagKey !== 'string') return null;
  if (ruleKey !== undefined && ruleKey !== null && typeof ruleKey !== 'string') return null;
  return { flagKey, ruleKey: typeof ruleKey === 'string' ? ruleKey : undefined };
}

/**
 * Creates the forced-decision map of a user context, keyed as Optimizely does (flag key, then rule key or
 * `$opt_null_rule_key`). Variation keys are validated at decision time by the evaluator, not here, as in Optimizely.
 * Bad arguments return false / null; nothing throws.
 *
 * @example
 * const forced = createForcedDecisions();
 * forced.set({ flagKey: 'checkout-redesign' }, { variationKey: 'treatment' }); // true
 */
export function createForcedDecisions(): ForcedDecisions {
  const map = new Map<string, ForcedDecision>();
  let cached: readonly ForcedDecision[] | null = [];
  return {
    set(context, decision) {
      const c = parseContext(context);
      const variationKey = (decision as { variationKey?: unknown } | null | undefined)?.variationKey;
      if (!c || typeof variationKey !== 'string') return false;
      const forced: ForcedDecision = c.ruleKey === undefined
        ? { flagKey: c.flagKey, variationKey }
        : { flagKey: c.flagKey, ruleKey: c.ruleKey, variationKey };
      map.set(keyOf(c.flagKey, c.ruleKey), forced);
      cached = null;
      return true;
    },
    get(context) {
      const c = parseContext(context);
      const forced = c && map.get(keyOf(c.flagKey, c.ruleKey));
      return forced ? { variationKey: forced.variationKey } : null;
    },
    remove(context) {
      const c = parseContext(context);
      if (!c || !map.delete(keyOf(c.flagKey, c.ruleKey))) return false;
      cached = null;
      return true;
    },
    clear() {
      map.clear();
      cached = [];
      return true;
    },
    list() {
      cached ??= Object.freeze([...map.values()]);
      return cached;
    },
  };
}
