// Part of the native Ensign datafile v1 types (see ../types.ts for the whole picture).
import type { JsonObject, JsonValue } from './json.js';
import type { Semantics } from './modes.js';

/**
 * Condition operators: the union of the vendors'. Leaves compare the context's attribute value with `values`.
 * `segmentMatch` (segment keys), `qualified` (ODP segment names supplied by the caller) and `inCohort` (cohort ids)
 * ignore `attribute`.
 */
export type Operator =
  | 'in'
  | 'notIn'
  | 'startsWith'
  | 'endsWith'
  | 'contains'
  | 'notContains'
  | 'matches'
  | 'notMatches'
  | 'lessThan'
  | 'lessThanOrEqual'
  | 'greaterThan'
  | 'greaterThanOrEqual'
  | 'before'
  | 'after'
  | 'semVerEqual'
  | 'semVerLessThan'
  | 'semVerLessThanOrEqual'
  | 'semVerGreaterThan'
  | 'semVerGreaterThanOrEqual'
  | 'exists'
  | 'setEquals'
  | 'setNotEquals'
  | 'setContainsAll'
  | 'setNotContainsAll'
  | 'setContainsAny'
  | 'setNotContainsAny'
  | 'segmentMatch'
  | 'qualified'
  | 'inCohort';

/** The operators as run-time values. */
export const OPERATORS = Object.freeze([
  'in',
  'notIn',
  'startsWith',
  'endsWith',
  'contains',
  'notContains',
  'matches',
  'notMatches',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'before',
  'after',
  'semVerEqual',
  'semVerLessThan',
  'semVerLessThanOrEqual',
  'semVerGreaterThan',
  'semVerGreaterThanOrEqual',
  'exists',
  'setEquals',
  'setNotEquals',
  'setContainsAll',
  'setNotContainsAll',
  'setContainsAny',
  'setNotContainsAny',
  'segmentMatch',
  'qualified',
  'inCohort',
] as const satisfies readonly Operator[]);

/** A leaf: one attribute compared with values by an operator. */
export interface AttributeCondition {
  /** Attribute reference (`/address/city`, `~1` for `/`, `~0` for `~`) or a literal name. */
  attribute?: string;
  /** Context kind the attribute is read from. Default `user`. */
  contextKind?: string;
  op: Operator;
  values: JsonValue[];
  /** Negate the result (under LaunchDarkly semantics a missing attribute stays false). */
  negate?: boolean;
  /** Whose semantics apply. Default the datafile's `semantics`, else `ensign`. */
  semantics?: Semantics;
}

/** A leaf on another flag's result (Amplitude dependencies, GrowthBook parent conditions). */
export interface FlagResultCondition {
  flag: string;
  /** Compare the variation key (default) or the served value. */
  select?: 'variationKey' | 'value';
  op: Operator;
  values: JsonValue[];
  negate?: boolean;
  semantics?: Semantics;
}

/** A reference to an audience by id (Optimizely `audienceConditions` leaves). */
export interface AudienceReference {
  audience: string;
}

/** A GrowthBook (Mongo-style) condition, evaluated with GrowthBook's semantics over the attributes of one context kind. */
export interface MongoCondition {
  mongo: JsonObject;
  /** Default `user`. */
  contextKind?: string;
  /**
   * GrowthBook parent condition: match `mongo` against `{ value }`, the value served by this flag, instead of the
   * context's attributes. `contextKind` is then ignored.
   */
  flag?: string;
}

/**
 * A condition tree. `and`, `or` and `not` use three-valued logic (true, false, unknown), as Optimizely does; leaves
 * of LaunchDarkly and Amplitude semantics never yield unknown, so for them the logic is plain boolean. Unknown at the
 * top means no match.
 */
export type Condition =
  | { and: Condition[] }
  | { or: Condition[] }
  | { not: Condition }
  | AttributeCondition
  | FlagResultCondition
  | AudienceReference
  | MongoCondition;
