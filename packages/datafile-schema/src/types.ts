// The native Ensign datafile, version 1: plain TypeScript types (the zod schema that validates them lives on the
// `@ensign/datafile-schema/zod` subpath). One document per environment. It is designed as the union of what
// Optimizely, LaunchDarkly, Amplitude Experiment and GrowthBook can express; docs/datafile.md maps each vendor's
// concepts onto these fields.

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * How a rollout turns a context into a bucket: the exact arithmetic of one vendor's SDK, so that imported
 * configurations put every user where the vendor did.
 * - `ensign`: MurmurHash3 x86 32, seed 0, of `${seed}/${value}`, scaled to [0, 100000); the native default.
 * - `optimizely`: MurmurHash3 x86 32, seed 1, of `bucketingId + entityId`, scaled to [0, 10000).
 * - `launchdarkly`: SHA-1 of `hashKey.salt.value` (or `seed.value`), first 15 hex digits over 0xFFFFFFFFFFFFFFF.
 * - `amplitude`: MurmurHash3 x86 32, seed 0, of `salt/value`; allocation `h % 100`, distribution `floor(h / 100)`.
 * - `growthbook-v1` / `growthbook-v2`: FNV-1a 32 as GrowthBook's `hash(seed, value, 1 | 2)`.
 */
export type HashMode = 'ensign' | 'optimizely' | 'launchdarkly' | 'amplitude' | 'growthbook-v1' | 'growthbook-v2';

/** The hash modes as run-time values. */
export const HASH_MODES = Object.freeze([
  'ensign',
  'optimizely',
  'launchdarkly',
  'amplitude',
  'growthbook-v1',
  'growthbook-v2',
] as const satisfies readonly HashMode[]);

/**
 * Which vendor's semantics a condition leaf follows where vendors disagree (missing attributes, numeric strings,
 * case, semver pre-releases, arrays). `ensign` is the native, documented default.
 */
export type Semantics = 'ensign' | 'optimizely' | 'launchdarkly' | 'amplitude';

/** The semantics as run-time values. */
export const SEMANTICS = Object.freeze(['ensign', 'optimizely', 'launchdarkly', 'amplitude'] as const satisfies readonly Semantics[]);

/** Units of a rollout's weights in each hash mode (the size of its bucket space). */
export const BUCKET_SPACE = Object.freeze({
  ensign: 100_000,
  optimizely: 10_000,
  launchdarkly: 100_000,
  amplitude: 42_949_673,
  'growthbook-v1': 1,
  'growthbook-v2': 1,
} as const satisfies Record<HashMode, number>);

/** The whole datafile of one environment. */
export interface Datafile {
  /** JSON Schema reference for editors (e.g. `./node_modules/@ensign/datafile-schema/schema/datafile.v1.json`); ignored by parsers. */
  $schema?: string;
  schemaVersion: 1;
  /** Changes whenever anything in the document changes; echoed by every decision. */
  revision: string;
  /** The environment this document describes, e.g. `production`. */
  environment: string;
  /** Optimizely account and project ids, echoed in Optimizely-style events. */
  accountId?: string;
  projectId?: string;
  /** Default semantics of condition leaves that do not name their own. Default `ensign`. */
  semantics?: Semantics;
  settings?: Settings;
  flags: Flag[];
  segments?: Segment[];
  audiences?: Audience[];
  cohorts?: Cohort[];
  events?: EventDefinition[];
  attributes?: AttributeDefinition[];
  holdouts?: Holdout[];
  groups?: ExclusionGroup[];
  integrations?: Integration[];
  /** GrowthBook saved groups: id → list of values, for `$inGroup` / `$notInGroup` in `mongo` conditions. */
  savedGroups?: Record<string, JsonValue[]>;
}

/** Environment-wide settings (Optimizely's datafile flags). */
export interface Settings {
  /** Send decision events for rollout (delivery) rules too, not only experiments. Default false. */
  sendFlagDecisions?: boolean;
  /** Ask the event receiver to anonymise IP addresses. Default false. */
  anonymizeIp?: boolean;
  /** Ask the event receiver to filter bots. Absent: not sent. */
  botFiltering?: boolean;
  /** Optimizely data region of the event endpoint, `US` or `EU`. Default `US`. */
  region?: string;
}

/** A variation of a flag: a JSON value, plus Optimizely-style variable overrides. */
export interface Variation {
  /** Unique within the flag; rules, targets and prerequisites refer to variations by key. */
  key: string;
  /** Vendor id (Optimizely variation id, used in events). */
  id?: string;
  name?: string;
  description?: string;
  value: JsonValue;
  /** Optimizely `featureEnabled`. Default true. A disabled variation serves variable defaults. */
  enabled?: boolean;
  /** Variable values by variable key, overriding the flag's defaults while the variation is enabled. */
  variables?: Record<string, JsonValue>;
  /** Amplitude variant payload. */
  payload?: JsonValue;
  /** Vendor metadata echoed with the decision (Amplitude variant metadata). */
  metadata?: JsonObject;
}

/** The declared type of a flag variable (Optimizely). */
export type VariableType = 'boolean' | 'integer' | 'double' | 'string' | 'json';

/** A typed flag variable with its default value. */
export interface VariableDefinition {
  key: string;
  id?: string;
  type: VariableType;
  default: JsonValue;
}

/** Individual targeting: these keys of this context kind get this variation. */
export interface Target {
  /** Default `user`. */
  contextKind?: string;
  values: string[];
  variation: string;
}

/** Another flag that must serve a given variation for this one to go on (LaunchDarkly prerequisites). */
export interface Prerequisite {
  flagKey: string;
  /** The variation key the prerequisite must serve. */
  variation: string;
}

/** What a rule or the fallthrough serves: one variation, or a rollout. */
export type Serve = { variation: string } | { rollout: Rollout };

/** A weighted slice of a rollout. `variation: null` is a hole: users bucketed there get no variation. */
export interface WeightedVariation {
  variation: string | null;
  /** In the mode's units ({@link BUCKET_SPACE}); slices are laid end to end from 0, in order. */
  weight: number;
  /** Explicit `[start, end)` placement in the bucket space, overriding the cumulative placement (GrowthBook `ranges`). */
  range?: [number, number];
  /** LaunchDarkly: a slice that does not count as being in the experiment. */
  untracked?: boolean;
}

/** How a context is hashed into a bucket. */
export interface Bucketing {
  hash: HashMode;
  /** Attribute reference whose value is hashed. Default `key` (Optimizely: the user id, or `$opt_bucketing_id`; GrowthBook: `id`). */
  bucketBy?: string;
  /** GrowthBook `fallbackAttribute`: used when `bucketBy` is empty. */
  fallbackAttribute?: string;
  /** Context kind whose attribute is hashed. Default `user`. */
  contextKind?: string;
  /**
   * Seed of the hash. ensign: default the flag's salt or key; launchdarkly: a numeric rollout seed replacing `hashKey.salt`
   * (used only when truthy, as the Node SDK); growthbook: the experiment seed (default the experiment key).
   */
  seed?: string | number;
  /** Salt: launchdarkly `hashKey.salt`; amplitude bucket salt. */
  salt?: string;
  /** launchdarkly: the flag or segment key in `hashKey.salt.value`. Default the flag key. */
  hashKey?: string;
  /** optimizely: the experiment, rule or holdout id appended to the bucketing id. */
  entityId?: string;
  /** growthbook: the namespace `[id, start, end)` the user must fall in. */
  namespace?: { id: string; range: [number, number] };
  /** growthbook: hash filters (`experiment.filters`); the context must fall in one of the ranges of every filter. */
  filters?: HashFilter[];
}

/** A GrowthBook hash filter: `hash(seed, value, hashVersion)` must fall in one of `ranges` (`[start, end)`, 0..1). */
export interface HashFilter {
  seed: string;
  ranges: [number, number][];
  /** Default 2 (GrowthBook filters use hash version 2 unless told). */
  hashVersion?: 1 | 2;
  /** Attribute hashed; default the rollout's `bucketBy`. */
  attribute?: string;
}

/** A percentage rollout or an experiment's traffic split. */
export interface Rollout {
  /** `experiment` marks decisions as in an experiment (LaunchDarkly `inExperiment`). Default `rollout`. */
  kind?: 'rollout' | 'experiment';
  bucketing: Bucketing;
  variations: WeightedVariation[];
  /**
   * Traffic allocation: the `[start, end)` part of the allocation space that enters the rollout.
   * ensign: [0, 100000] on an independent hash; amplitude: `h % 100`. Absent: all traffic.
   */
  allocation?: [number, number];
  /**
   * growthbook: the share of traffic included, 0..1. Default 1. With `kind: 'experiment'` it scales each slice as
   * GrowthBook's `getBucketRanges` does; with `kind: 'rollout'` (a force rule) the context is included when its hash
   * is `<= coverage` (inclusive, GrowthBook `isIncludedInRollout`) and gets the first slice.
   */
  coverage?: number;
}

/** What a rule does when its rollout assigns no variation (traffic allocation, a hole, a group or namespace miss). */
export type RuleMiss = 'next' | 'last' | { variation: string };

/** Where a rule comes from, echoed in decisions and events (Optimizely experiments, Amplitude experiment keys). */
export interface ExperimentRef {
  key: string;
  id?: string;
  /** Optimizely layer (campaign) id. */
  layerId?: string;
  /** Optimizely experiment type: `ab`, `mab`, `cmab`, `td`, `fr`. */
  type?: string;
  /** Optimizely contextual bandit: the share of traffic (0..10000) and the attribute ids sent to the CMAB service. */
  cmab?: { trafficAllocation: number; attributeIds: string[] };
}

/** Rule status: only `running` rules are evaluated (Optimizely experiments). Default `running`. */
export type RuleStatus = 'running' | 'paused' | 'draft' | 'concluded' | 'archived';

/** An ordered targeting rule: when the conditions match, serve. */
export interface Rule {
  /** Unique within the flag. */
  id: string;
  key?: string;
  description?: string;
  /** Absent: everyone matches. */
  conditions?: Condition;
  serve: Serve;
  /** What happens when the rollout assigns no variation. Default `next`. */
  onMiss?: RuleMiss;
  /** `experiment` rules are decision-event worthy (Optimizely `feature-test`); `rollout` rules are delivery rules. Default `targeting`. */
  kind?: 'targeting' | 'experiment' | 'rollout';
  status?: RuleStatus;
  experiment?: ExperimentRef;
  /** Rule-scoped forced variations (Optimizely `forcedVariations` whitelist). */
  targets?: Target[];
  /** Mutual-exclusion group key this rule belongs to. */
  group?: string;
  /** Send a full decision event for every evaluation that matches this rule. */
  trackEvents?: boolean;
  /** Vendor metadata echoed with the decision (Amplitude segment metadata). */
  metadata?: JsonObject;
  /**
   * GrowthBook gating parent conditions (`parentConditions` with `gate: true`): checked before `conditions`; when it
   * does not match, evaluation stops and the flag serves no variation (reason PREREQUISITE_FAILED).
   */
  gate?: Condition;
}

/** Vendor metadata a flag's decisions echo. */
export interface FlagMetadata {
  amplitude?: {
    flagType?: string;
    flagVersion?: number;
    deployed?: boolean;
    evaluationMode?: 'local' | 'remote';
    experimentKey?: string;
    deliveryMethod?: string;
    trackExposure?: boolean;
    [key: string]: JsonValue | undefined;
  };
  optimizely?: { flagId?: string; rolloutId?: string; experimentIds?: string[]; [key: string]: JsonValue | undefined };
  launchdarkly?: JsonObject;
  growthbook?: JsonObject;
  [vendor: string]: { [key: string]: JsonValue | undefined } | undefined;
}

/** A feature flag. */
export interface Flag {
  /** Unique in the datafile. */
  key: string;
  id?: string;
  name?: string;
  description?: string;
  /** Flag version (LaunchDarkly `version`), used in summaries. */
  version?: number;
  tags?: string[];
  /** Off: serve `offVariation` (reason OFF). */
  on: boolean;
  variations: Variation[];
  variables?: VariableDefinition[];
  /** Variation served when the flag is off or a prerequisite fails. Absent or null: no variation (the caller's default). */
  offVariation?: string | null;
  prerequisites?: Prerequisite[];
  targets?: Target[];
  rules?: Rule[];
  /** Served when no rule matches. Absent: no variation (the caller's default), as Optimizely when no rule decides. */
  fallthrough?: Serve;
  salt?: string;
  /** Available to client-side SDKs (`allFlagsState({ clientSideOnly })`). Default false. */
  clientSide?: boolean;
  /** Send a full decision event for every evaluation. Default false. */
  trackEvents?: boolean;
  /** Send a full decision event for fallthrough evaluations. Default false. */
  trackEventsFallthrough?: boolean;
  /** Keys of holdouts scoped to this flag (global holdouts apply to every flag). */
  holdouts?: string[];
  /** Leave this flag out of summary events. */
  excludeFromSummaries?: boolean;
  /** LaunchDarkly: send debug events until this time (epoch milliseconds). */
  debugEventsUntilDate?: number;
  /** LaunchDarkly: send one in `samplingRatio` feature events (0: none, 1 or absent: all). */
  samplingRatio?: number;
  /** LaunchDarkly: which client-side credentials may read this flag. */
  clientSideAvailability?: { usingMobileKey?: boolean; usingEnvironmentId?: boolean };
  metadata?: FlagMetadata;
}

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

/** Keys of one context kind. */
export interface SegmentTarget {
  /** Default `user`. */
  contextKind?: string;
  values: string[];
}

/** A rule of a segment; `weight` makes it a percentage of the matching contexts (LaunchDarkly, 1/100000). */
export interface SegmentRule {
  id?: string;
  conditions?: Condition;
  weight?: number;
  bucketBy?: string;
  rolloutContextKind?: string;
}

/** A reusable set of contexts (LaunchDarkly segments). */
export interface Segment {
  key: string;
  id?: string;
  version?: number;
  salt?: string;
  included?: SegmentTarget[];
  excluded?: SegmentTarget[];
  rules?: SegmentRule[];
  /** LaunchDarkly big segment: membership comes from a big-segment store, not from `included` / `excluded`. */
  unbounded?: boolean;
  /** Big segment: the context kind whose key is looked up. Default `user`. */
  unboundedContextKind?: string;
  /** Big segment generation; the store reference is `${key}.g${generation}`. Absent: not configured. */
  generation?: number;
}

/** An Optimizely audience: a named condition. */
export interface Audience {
  id: string;
  key?: string;
  name?: string;
  conditions: Condition;
}

/** A cohort, by id; membership is synced separately and supplied at evaluation time. */
export interface Cohort {
  id: string;
  name?: string;
  /** Context kind whose key is a member. Default `user`. */
  contextKind?: string;
}

/** A conversion event or metric. */
export interface EventDefinition {
  key: string;
  id?: string;
  experimentIds?: string[];
}

/** A known attribute (Optimizely attribute ids for events). */
export interface AttributeDefinition {
  key: string;
  id?: string;
}

/** A holdout: a share of traffic kept out of experiments, served no variation of the flag. */
export interface Holdout {
  key: string;
  id?: string;
  status?: RuleStatus;
  /** Who may be held out. Absent: everyone. */
  conditions?: Condition;
  /** The holdout's own variations (usually one, disabled). */
  variations: Variation[];
  /** How the holdout's variations are allocated (the held-out share is the weight of its variations). */
  rollout: Rollout;
  /** Scope: flag keys. Absent together with `rules`: a global holdout. */
  flags?: string[];
  /** Scope: rule ids (Optimizely local holdouts). */
  rules?: string[];
}

/** Mutual exclusion: a context takes part in at most one of the member rules. */
export interface ExclusionGroup {
  key: string;
  id?: string;
  bucketing: Bucketing;
  /** Member rules (flag key + rule id) with their share of the group's traffic, laid end to end; `rule: null` is a hole. */
  members: { flag?: string; rule: string | null; weight: number }[];
}

/** An external service (Optimizely's ODP segment service). */
export interface Integration {
  key: string;
  host?: string;
  publicKey?: string;
  pixelUrl?: string;
}
