// The validator's field lists, tied to the model types at compile time: each list must name exactly the keys of
// its type, so adding a field to a model type fails `tsc` until the validator knows it.
//
// How it fails: add `owner?: string` to `Flag` (model/flag.ts) and `tsc` reports at `FLAG_FIELDS` below
//   Argument of type '["key", "id", ...]' is not assignable to parameter of type
//   '{ missing: "owner"; extra: never; }'.
// A list entry the type lacks fails the same way (`extra: "ownr"`).
import type {
  AttributeCondition,
  AttributeDefinition,
  Audience,
  AudienceReference,
  Bucketing,
  Cohort,
  Datafile,
  EventDefinition,
  ExclusionGroup,
  ExperimentRef,
  Flag,
  FlagResultCondition,
  HashFilter,
  Holdout,
  Integration,
  MongoCondition,
  Prerequisite,
  Rollout,
  Rule,
  Segment,
  SegmentRule,
  SegmentTarget,
  Settings,
  Target,
  VariableDefinition,
  Variation,
  WeightedVariation,
} from '../types.js';

/** The keys of every member of a union (`keyof` of a union gives only the common ones). */
export type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** `L` when it lists exactly the keys of `T`, else a type naming what is missing and what is extra. */
export type ExactFields<T, L extends readonly string[]> = [Exclude<KeysOfUnion<T>, L[number]> | Exclude<L[number], KeysOfUnion<T>>] extends [never]
  ? L
  : { missing: Exclude<KeysOfUnion<T>, L[number]>; extra: Exclude<L[number], KeysOfUnion<T>> };

/**
 * The set of a model type's fields, from a list checked against the type: `fieldsOf<Flag>()(['key', ...])`.
 *
 * @example
 * const TARGET_FIELDS = fieldsOf<Target>()(['contextKind', 'values', 'variation']);
 */
export function fieldsOf<T>() {
  return <const L extends readonly string[]>(list: L & ExactFields<T, L>): ReadonlySet<string> => new Set<string>(list);
}

type ArrayItem<T> = T extends readonly (infer I)[] ? I : never;

export const DATAFILE_FIELDS = fieldsOf<Datafile>()([
  '$schema', 'schemaVersion', 'revision', 'environment', 'accountId', 'projectId', 'semantics', 'settings', 'flags',
  'segments', 'audiences', 'cohorts', 'events', 'attributes', 'holdouts', 'groups', 'integrations', 'savedGroups',
]);
export const SETTINGS_FIELDS = fieldsOf<Settings>()(['sendFlagDecisions', 'anonymizeIp', 'botFiltering', 'region']);

export const FLAG_FIELDS = fieldsOf<Flag>()([
  'key', 'id', 'name', 'description', 'version', 'tags', 'on', 'variations', 'variables', 'offVariation', 'prerequisites',
  'targets', 'rules', 'fallthrough', 'salt', 'clientSide', 'trackEvents', 'trackEventsFallthrough', 'holdouts',
  'excludeFromSummaries', 'debugEventsUntilDate', 'samplingRatio', 'clientSideAvailability', 'metadata',
]);
export const RULE_FIELDS = fieldsOf<Rule>()([
  'id', 'key', 'description', 'conditions', 'serve', 'onMiss', 'kind', 'status', 'experiment', 'targets', 'group',
  'trackEvents', 'metadata', 'gate',
]);
export const TARGET_FIELDS = fieldsOf<Target>()(['contextKind', 'values', 'variation']);
export const PREREQUISITE_FIELDS = fieldsOf<Prerequisite>()(['flagKey', 'variation']);
export const EXPERIMENT_FIELDS = fieldsOf<ExperimentRef>()(['key', 'id', 'layerId', 'type', 'cmab', 'audiences']);
export const CMAB_FIELDS = fieldsOf<NonNullable<ExperimentRef['cmab']>>()(['trafficAllocation', 'attributeIds']);
export const AVAILABILITY_FIELDS = fieldsOf<NonNullable<Flag['clientSideAvailability']>>()(['usingMobileKey', 'usingEnvironmentId']);
export const ON_MISS_FIELDS = fieldsOf<Exclude<NonNullable<Rule['onMiss']>, string>>()(['variation']);
export const VARIATION_FIELDS = fieldsOf<Variation>()(['key', 'id', 'name', 'description', 'value', 'enabled', 'variables', 'payload', 'metadata']);
export const VARIABLE_FIELDS = fieldsOf<VariableDefinition>()(['key', 'id', 'type', 'default']);

export const SERVE_FIELDS = fieldsOf<NonNullable<Flag['fallthrough']>>()(['variation', 'rollout']);
export const ROLLOUT_FIELDS = fieldsOf<Rollout>()(['kind', 'bucketing', 'variations', 'allocation', 'coverage']);
export const WEIGHTED_FIELDS = fieldsOf<WeightedVariation>()(['variation', 'weight', 'range', 'untracked']);
export const BUCKETING_FIELDS = fieldsOf<Bucketing>()([
  'hash', 'bucketBy', 'fallbackAttribute', 'contextKind', 'seed', 'salt', 'hashKey', 'entityId', 'namespace', 'filters',
]);
export const NAMESPACE_FIELDS = fieldsOf<NonNullable<Bucketing['namespace']>>()(['id', 'range']);
export const FILTER_FIELDS = fieldsOf<HashFilter>()(['seed', 'ranges', 'hashVersion', 'attribute']);

export const SEGMENT_FIELDS = fieldsOf<Segment>()([
  'key', 'id', 'version', 'salt', 'included', 'excluded', 'rules', 'unbounded', 'unboundedContextKind', 'generation',
]);
export const SEGMENT_TARGET_FIELDS = fieldsOf<SegmentTarget>()(['contextKind', 'values']);
export const SEGMENT_RULE_FIELDS = fieldsOf<SegmentRule>()(['id', 'conditions', 'weight', 'bucketBy', 'rolloutContextKind']);
export const AUDIENCE_FIELDS = fieldsOf<Audience>()(['id', 'key', 'name', 'conditions']);
export const COHORT_FIELDS = fieldsOf<Cohort>()(['id', 'name', 'contextKind']);
export const EVENT_FIELDS = fieldsOf<EventDefinition>()(['key', 'id', 'experimentIds']);
export const ATTRIBUTE_FIELDS = fieldsOf<AttributeDefinition>()(['key', 'id']);
export const HOLDOUT_FIELDS = fieldsOf<Holdout>()(['key', 'id', 'status', 'conditions', 'variations', 'rollout', 'flags', 'rules', 'audiences']);
export const GROUP_FIELDS = fieldsOf<ExclusionGroup>()(['key', 'id', 'bucketing', 'members']);
export const MEMBER_FIELDS = fieldsOf<ArrayItem<ExclusionGroup['members']>>()(['flag', 'rule', 'weight']);
export const INTEGRATION_FIELDS = fieldsOf<Integration>()(['key', 'host', 'publicKey', 'pixelUrl']);

export const AND_FIELDS = fieldsOf<{ and: unknown }>()(['and']);
export const OR_FIELDS = fieldsOf<{ or: unknown }>()(['or']);
export const NOT_FIELDS = fieldsOf<{ not: unknown }>()(['not']);
export const AUDIENCE_REF_FIELDS = fieldsOf<AudienceReference>()(['audience']);
export const MONGO_FIELDS = fieldsOf<MongoCondition>()(['mongo', 'contextKind', 'flag']);
export const LEAF_FIELDS = fieldsOf<AttributeCondition>()(['attribute', 'contextKind', 'op', 'values', 'negate', 'semantics']);
export const FLAG_RESULT_FIELDS = fieldsOf<FlagResultCondition>()(['flag', 'select', 'op', 'values', 'negate', 'semantics']);
