// Part of the native Ensign datafile v1 types (see ../types.ts for the whole picture).
import type { Condition } from './conditions.js';
import type { Flag, RuleStatus, Variation } from './flag.js';
import type { JsonValue } from './json.js';
import type { Semantics } from './modes.js';
import type { Bucketing, Rollout } from './rollout.js';

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
  /** Optimizely: the holdout's audience expression as the vendor's datafile writes it (JSON text), for reason messages. */
  audiences?: string;
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

