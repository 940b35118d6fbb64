import type { Condition, JsonValue, Rule } from '@ensign/datafile-schema';

/** A variation: `true` / `false` (which also makes the flag boolean) or the index of one of the flag's variations. */
export type VariationChoice = number | boolean;

/** One clause of a test rule: an "is one of" (or, negated, "is not one of") test of one attribute. */
interface Clause {
  readonly contextKind: string;
  readonly attribute: string;
  readonly values: readonly JsonValue[];
  readonly negate: boolean;
}

/**
 * A rule being built with `ifMatch` / `ifNotMatch` and `andMatch` / `andNotMatch`; `thenReturn` ends it and gives
 * the flag builder back. Every clause must hold for the rule to match (LaunchDarkly's TestData rules).
 */
export interface RuleBuilder<F> {
  /** Adds "the `user` attribute `attribute` is one of `values`". */
  andMatch(attribute: string, ...values: JsonValue[]): RuleBuilder<F>;
  /** Adds "the attribute of the `contextKind` context is one of `values`". */
  andMatchContext(contextKind: string, attribute: string, ...values: JsonValue[]): RuleBuilder<F>;
  /** Adds "the `user` attribute `attribute` is none of `values`". */
  andNotMatch(attribute: string, ...values: JsonValue[]): RuleBuilder<F>;
  /** Adds "the attribute of the `contextKind` context is none of `values`". */
  andNotMatchContext(contextKind: string, attribute: string, ...values: JsonValue[]): RuleBuilder<F>;
  /**
   * Ends the rule: matching contexts get `variation` (`true` / `false`, which makes the flag boolean, or an index).
   * Returns the flag builder.
   */
  thenReturn(variation: VariationChoice): F;
}

/** What a rule builder needs from its flag builder. */
export interface RuleOwner<F> {
  /** Adds the finished rule; a boolean variation makes the flag boolean first. Returns the flag builder. */
  addRule(rule: TestRule, variation: VariationChoice): F;
}

/** A finished rule of a test flag: clauses and the index of the variation it serves. */
export interface TestRule {
  readonly clauses: readonly Clause[];
  variation: number;
}

class RuleBuilderImpl<F> implements RuleBuilder<F> {
  private readonly clauses: Clause[] = [];

  constructor(private readonly owner: RuleOwner<F>) {}

  andMatch(attribute: string, ...values: JsonValue[]): RuleBuilder<F> {
    return this.andMatchContext('user', attribute, ...values);
  }

  andMatchContext(contextKind: string, attribute: string, ...values: JsonValue[]): RuleBuilder<F> {
    this.clauses.push({ contextKind, attribute, values: [...values], negate: false });
    return this;
  }

  andNotMatch(attribute: string, ...values: JsonValue[]): RuleBuilder<F> {
    return this.andNotMatchContext('user', attribute, ...values);
  }

  andNotMatchContext(contextKind: string, attribute: string, ...values: JsonValue[]): RuleBuilder<F> {
    this.clauses.push({ contextKind, attribute, values: [...values], negate: true });
    return this;
  }

  thenReturn(variation: VariationChoice): F {
    return this.owner.addRule({ clauses: [...this.clauses], variation: -1 }, variation);
  }
}

/**
 * Starts a rule of a test flag.
 *
 * @example
 * startRule(owner).andMatch('country', 'US', 'CA').thenReturn(true);
 */
export function startRule<F>(owner: RuleOwner<F>): RuleBuilder<F> {
  return new RuleBuilderImpl(owner);
}

/** A copy of a finished rule (builders copy their rules so later changes do not leak). */
export function copyRule(rule: TestRule): TestRule {
  return { clauses: rule.clauses.map((c) => ({ ...c, values: [...c.values] })), variation: rule.variation };
}

/**
 * The native rule of a finished test rule: `in` clauses with LaunchDarkly semantics, all of which must hold.
 *
 * @example
 * toNativeRule(rule, 0); // { id: 'rule0', conditions: { and: [...] }, serve: { variation: '1' } }
 */
export function toNativeRule(rule: TestRule, index: number): Rule {
  const and: Condition[] = rule.clauses.map((c) => ({
    contextKind: c.contextKind,
    attribute: c.attribute,
    op: 'in',
    values: [...c.values],
    negate: c.negate,
    semantics: 'launchdarkly',
  }));
  return { id: `rule${index}`, conditions: { and }, serve: { variation: String(rule.variation) } };
}
