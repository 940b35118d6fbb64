import type { Flag, JsonValue, Target } from '@ensign/datafile-schema';
import type { RuleBuilder, RuleOwner, TestRule, VariationChoice } from './rule-builder.js';
import { copyRule, startRule, toNativeRule } from './rule-builder.js';

export type { VariationChoice } from './rule-builder.js';

/**
 * Builds one test flag, as LaunchDarkly's `TestDataFlagBuilder`: each method changes the builder and returns it, and
 * nothing reaches a client until the builder is passed to `td.update(...)`. Variations are referred to by index
 * (`0` for the first) or, for boolean flags, by `true` / `false` (which first turns the flag into a boolean flag:
 * variations `[true, false]`, fallthrough `true`, off `false`).
 */
export interface FlagBuilder {
  /** The flag key. */
  readonly key: string;
  /** Makes it the standard boolean flag (the default of a new flag): variations `true`, `false`; on: `true`; off: `false`. */
  booleanFlag(): FlagBuilder;
  /** Sets the variation values (any JSON), in order. */
  variations(...values: JsonValue[]): FlagBuilder;
  /** Turns targeting on or off. Off serves the off variation (none: the caller's default). */
  on(on: boolean): FlagBuilder;
  /** What contexts no target or rule matched get. */
  fallthroughVariation(variation: VariationChoice): FlagBuilder;
  /** What every context gets while the flag is off. */
  offVariation(variation: VariationChoice): FlagBuilder;
  /** Targeting on, no targets or rules, and the fallthrough set to `variation`: everyone gets it. */
  variationForAll(variation: VariationChoice): FlagBuilder;
  /** One variation holding `value`, served to everyone, on or off (a value flag); targets and rules are removed. */
  valueForAll(value: JsonValue): FlagBuilder;
  /** The `user` context with key `userKey` gets `variation` while targeting is on. */
  variationForUser(userKey: string, variation: VariationChoice): FlagBuilder;
  /** The context of `contextKind` with key `key` gets `variation` while targeting is on. */
  variationForContext(contextKind: string, key: string, variation: VariationChoice): FlagBuilder;
  /** Starts a rule: the `user` attribute `attribute` is one of `values`. End it with `thenReturn`. */
  ifMatch(attribute: string, ...values: JsonValue[]): RuleBuilder<FlagBuilder>;
  /** Starts a rule on an attribute of another context kind. */
  ifMatchContext(contextKind: string, attribute: string, ...values: JsonValue[]): RuleBuilder<FlagBuilder>;
  /** Starts a rule: the `user` attribute `attribute` is none of `values`. */
  ifNotMatch(attribute: string, ...values: JsonValue[]): RuleBuilder<FlagBuilder>;
  /** Starts a negated rule on an attribute of another context kind. */
  ifNotMatchContext(contextKind: string, attribute: string, ...values: JsonValue[]): RuleBuilder<FlagBuilder>;
  /** Removes every rule. */
  clearRules(): FlagBuilder;
  /** Removes every individual target. */
  clearAllTargets(): FlagBuilder;
}

const TRUE_INDEX = 0;
const FALSE_INDEX = 1;
const indexOf = (variation: VariationChoice): number => (variation === true ? TRUE_INDEX : variation === false ? FALSE_INDEX : variation);

interface BuilderState {
  on: boolean;
  variations: JsonValue[];
  offVariation: number | undefined;
  fallthroughVariation: number | undefined;
  /** Variation index → context kind → keys, in insertion order. */
  targets: Map<number, Map<string, string[]>>;
  rules: TestRule[];
}

const copyJson = (value: JsonValue): JsonValue => (value === null || typeof value !== 'object' ? value : structuredClone(value));

function copyState(state: BuilderState): BuilderState {
  const targets = new Map<number, Map<string, string[]>>();
  for (const [variation, byKind] of state.targets) targets.set(variation, new Map([...byKind].map(([kind, keys]) => [kind, [...keys]])));
  return { ...state, variations: state.variations.map(copyJson), targets, rules: state.rules.map(copyRule) };
}

class FlagBuilderImpl implements FlagBuilder, RuleOwner<FlagBuilder> {
  constructor(
    readonly key: string,
    private state: BuilderState,
  ) {}

  private get isBoolean(): boolean {
    const v = this.state.variations;
    return v.length === 2 && v[TRUE_INDEX] === true && v[FALSE_INDEX] === false;
  }

  booleanFlag(): FlagBuilder {
    if (this.isBoolean) return this;
    return this.variations(true, false).fallthroughVariation(TRUE_INDEX).offVariation(FALSE_INDEX);
  }

  variations(...values: JsonValue[]): FlagBuilder {
    this.state.variations = values.map(copyJson);
    return this;
  }

  on(on: boolean): FlagBuilder {
    this.state.on = on;
    return this;
  }

  fallthroughVariation(variation: VariationChoice): FlagBuilder {
    if (typeof variation === 'boolean') this.booleanFlag();
    this.state.fallthroughVariation = indexOf(variation);
    return this;
  }

  offVariation(variation: VariationChoice): FlagBuilder {
    if (typeof variation === 'boolean') this.booleanFlag();
    this.state.offVariation = indexOf(variation);
    return this;
  }

  variationForAll(variation: VariationChoice): FlagBuilder {
    return this.on(true).clearRules().clearAllTargets().fallthroughVariation(variation);
  }

  valueForAll(value: JsonValue): FlagBuilder {
    return this.variations(value).offVariation(0).variationForAll(0);
  }

  variationForUser(userKey: string, variation: VariationChoice): FlagBuilder {
    return this.variationForContext('user', userKey, variation);
  }

  variationForContext(contextKind: string, key: string, variation: VariationChoice): FlagBuilder {
    if (typeof variation === 'boolean') this.booleanFlag();
    const index = indexOf(variation);
    // A key is targeted to one variation at most: remove it from the others first.
    for (const [other, byKind] of this.state.targets) {
      if (other === index) continue;
      const keys = byKind.get(contextKind);
      if (!keys) continue;
      const rest = keys.filter((k) => k !== key);
      if (rest.length > 0) byKind.set(contextKind, rest);
      else byKind.delete(contextKind);
      if (byKind.size === 0) this.state.targets.delete(other);
    }
    const byKind = this.state.targets.get(index) ?? new Map<string, string[]>();
    const keys = byKind.get(contextKind) ?? [];
    if (!keys.includes(key)) keys.push(key);
    byKind.set(contextKind, keys);
    this.state.targets.set(index, byKind);
    return this;
  }

  ifMatch(attribute: string, ...values: JsonValue[]): RuleBuilder<FlagBuilder> {
    return startRule<FlagBuilder>(this).andMatch(attribute, ...values);
  }

  ifMatchContext(contextKind: string, attribute: string, ...values: JsonValue[]): RuleBuilder<FlagBuilder> {
    return startRule<FlagBuilder>(this).andMatchContext(contextKind, attribute, ...values);
  }

  ifNotMatch(attribute: string, ...values: JsonValue[]): RuleBuilder<FlagBuilder> {
    return startRule<FlagBuilder>(this).andNotMatch(attribute, ...values);
  }

  ifNotMatchContext(contextKind: string, attribute: string, ...values: JsonValue[]): RuleBuilder<FlagBuilder> {
    return startRule<FlagBuilder>(this).andNotMatchContext(contextKind, attribute, ...values);
  }

  clearRules(): FlagBuilder {
    this.state.rules = [];
    return this;
  }

  clearAllTargets(): FlagBuilder {
    this.state.targets = new Map();
    return this;
  }

  addRule(rule: TestRule, variation: VariationChoice): FlagBuilder {
    if (typeof variation === 'boolean') this.booleanFlag();
    this.state.rules.push({ ...rule, variation: indexOf(variation) });
    return this;
  }

  /** A copy that later changes to this builder do not affect. */
  copy(): FlagBuilderImpl {
    return new FlagBuilderImpl(this.key, copyState(this.state));
  }

  /** The native flag, at `version`. */
  build(version: number): Flag {
    const s = this.state;
    const flag: Flag = {
      key: this.key,
      version,
      on: s.on,
      variations: s.variations.map((value, i) => ({ key: String(i), value: copyJson(value) })),
    };
    if (s.offVariation !== undefined) flag.offVariation = String(s.offVariation);
    const targets: Target[] = [];
    for (const [variation, byKind] of [...s.targets].sort(([a], [b]) => a - b)) {
      for (const [contextKind, values] of byKind) targets.push({ contextKind, values: [...values], variation: String(variation) });
    }
    if (targets.length > 0) flag.targets = targets;
    if (s.rules.length > 0) flag.rules = s.rules.map(toNativeRule);
    if (s.fallthroughVariation !== undefined) flag.fallthrough = { variation: String(s.fallthroughVariation) };
    return flag;
  }
}

/**
 * A new flag builder: targeting on, no variations yet (call `booleanFlag()`, `variations(...)` or `valueForAll`).
 *
 * @example
 * newFlagBuilder('dark-mode').booleanFlag().variationForUser('user-42', true);
 */
export function newFlagBuilder(key: string): FlagBuilder {
  return new FlagBuilderImpl(key, { on: true, variations: [], offVariation: undefined, fallthroughVariation: undefined, targets: new Map(), rules: [] });
}

/** Whether `value` is a builder made by this module (so `update` can copy and build it). */
export function isFlagBuilder(value: unknown): value is FlagBuilder {
  return value instanceof FlagBuilderImpl;
}

/** A copy of a builder, detached from later changes to the original. */
export function copyBuilder(builder: FlagBuilder): FlagBuilder {
  return (builder as FlagBuilderImpl).copy();
}

/** The native flag a builder describes, at `version`. */
export function buildFlag(builder: FlagBuilder, version: number): Flag {
  return (builder as FlagBuilderImpl).build(version);
}
