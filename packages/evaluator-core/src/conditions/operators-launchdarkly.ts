// LaunchDarkly clause semantics (ldjs matchClause.ts, Operations.ts): a missing or null attribute makes the clause
// false even when negated; an array attribute matches when any element matches any value; `in` is strict `===`;
// string operators take strings only, numeric ones numbers only; dates are epoch numbers or RFC 3339 strings;
// semantic versions are strict with `.0` padding and no leading `v`; `matches` is a JavaScript regular expression
// (an invalid one never matches). `negate` is applied last. Operators LaunchDarkly lacks (`notIn`, `exists`, the set
// and the `...OrEqual` semver operators) follow their Ensign definitions, with LaunchDarkly's missing rule.
import type { JsonValue, Operator } from '@ensign/datafile-schema';
import type { LeafMatcher } from './matcher.js';
import { buildTypedMatcher } from './operators-ensign.js';

/**
 * Compiles a clause under LaunchDarkly semantics.
 *
 * @example
 * compileLaunchDarklyMatcher('in', ['US'], true)(undefined); // false: missing stays false under negate
 * compileLaunchDarklyMatcher('in', ['a'], false)(['b', 'a']); // true: any element
 */
export function compileLaunchDarklyMatcher(op: Operator, values: readonly JsonValue[], negate: boolean): LeafMatcher {
  return buildTypedMatcher(op, values, negate, 'false');
}
