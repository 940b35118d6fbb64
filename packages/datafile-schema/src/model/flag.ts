// Part of the native Ensign datafile v1 types (see ../types.ts for the whole picture).
import type { Condition } from './conditions.js';
import type { JsonObject, JsonValue } from './json.js';
import type { Rollout, RuleMiss } from './rollout.js';

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
  /**
   * Optimizely: the rule's audience expression as the vendor's datafile writes it (JSON text of `audienceConditions`,
   * else `audienceIds`), quoted by the reason messages ("Evaluating audiences for ..."). Not evaluated.
   */
  audiences?: string;
}

/** Rule status: only `running` rules are evaluated (Optimizely experiments). Default `running`. */
export type RuleStatus = 'running' | 'paused' | 'draft' | 'concluded' | 'archived';

/** An ordered targeting rule: when the conditions match, serve. */
export interface Rule {
  /**
   * Unique within the flag. Required, except in a datafile of `launchdarkly` semantics (LaunchDarkly allows rules
   * without ids; their reasons then carry no `ruleId`).
   */
  id?: string;
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
