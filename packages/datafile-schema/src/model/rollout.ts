// Part of the native Ensign datafile v1 types (see ../types.ts for the whole picture).
import type { HashMode } from './modes.js';

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
