// The LaunchDarkly server-side data model as the SDK's all-flags payload carries it (`GET /sdk/latest-all`, Relay,
// the file data source): the fields the importer reads. Everything is optional because the input is not trusted.

/** A variation served directly or a rollout (flag rules and the fallthrough). */
export interface LdVariationOrRollout {
  variation?: number;
  rollout?: LdRollout;
}

/** A percentage rollout or an experiment's split (weights in 1/100000). */
export interface LdRollout {
  kind?: string;
  contextKind?: string;
  bucketBy?: string;
  seed?: number;
  variations?: { variation?: number; weight?: number; untracked?: boolean }[];
}

/** A clause of a flag rule or segment rule. */
export interface LdClause {
  contextKind?: string;
  attribute?: string;
  op?: string;
  values?: unknown[];
  negate?: boolean;
}

/** A flag rule. */
export interface LdRule extends LdVariationOrRollout {
  id?: string;
  clauses?: LdClause[];
  trackEvents?: boolean;
}

/** Individual targets of one variation. */
export interface LdTarget {
  contextKind?: string;
  values?: string[];
  variation?: number;
}

/** A feature flag (`flags[key]` of the payload). */
export interface LdFlag {
  key?: string;
  version?: number;
  on?: boolean;
  salt?: string;
  variations?: unknown[];
  offVariation?: number;
  fallthrough?: LdVariationOrRollout;
  targets?: LdTarget[];
  contextTargets?: LdTarget[];
  rules?: LdRule[];
  prerequisites?: { key?: string; variation?: number }[];
  trackEvents?: boolean;
  trackEventsFallthrough?: boolean;
  debugEventsUntilDate?: number;
  clientSide?: boolean;
  clientSideAvailability?: { usingMobileKey?: boolean; usingEnvironmentId?: boolean };
  excludeFromSummaries?: boolean;
  samplingRatio?: number;
  migration?: { checkRatio?: number };
  deleted?: boolean;
}

/** A segment rule. */
export interface LdSegmentRule {
  id?: string;
  clauses?: LdClause[];
  weight?: number;
  bucketBy?: string;
  rolloutContextKind?: string;
}

/** A segment (`segments[key]` of the payload). */
export interface LdSegment {
  key?: string;
  version?: number;
  salt?: string;
  included?: string[];
  excluded?: string[];
  includedContexts?: { contextKind?: string; values?: string[] }[];
  excludedContexts?: { contextKind?: string; values?: string[] }[];
  rules?: LdSegmentRule[];
  unbounded?: boolean;
  unboundedContextKind?: string;
  generation?: number;
  deleted?: boolean;
}

/**
 * What `importLaunchDarkly` reads: the all-flags payload `{ flags, segments }` (objects keyed by flag and segment
 * key). The file data source's `flagValues` (a key → value map of flags that always serve one value) is read too.
 */
export interface LaunchDarklyPayload {
  flags?: Record<string, LdFlag>;
  segments?: Record<string, LdSegment>;
  flagValues?: Record<string, unknown>;
}
