// Amplitude Experiment's local-evaluation flag configs (`GET /sdk/v2/flags`, experiment-core's `EvaluationFlag`):
// the fields the importer reads. Everything is optional because the input is not trusted.

/** A condition: the value at `selector` compared with `values` by `op`. */
export interface AmplitudeCondition {
  selector?: string[];
  op?: string;
  values?: string[];
}

/** A distribution: contexts whose distribution value lies in `range` get `variant`. */
export interface AmplitudeDistribution {
  variant?: string;
  range?: number[];
}

/** An allocation: contexts whose allocation value (`hash % 100`) lies in `range` are distributed. */
export interface AmplitudeAllocation {
  range?: number[];
  distributions?: AmplitudeDistribution[];
}

/** How a segment buckets: murmur3 of `salt/value`, the value read at `selector`. */
export interface AmplitudeBucket {
  selector?: string[];
  salt?: string;
  allocations?: AmplitudeAllocation[];
}

/** A segment: conditions (an OR of ANDs), then a bucket or the fallback `variant`. */
export interface AmplitudeSegment {
  bucket?: AmplitudeBucket;
  conditions?: AmplitudeCondition[][];
  variant?: string;
  metadata?: Record<string, unknown>;
}

/** A variant of a flag. */
export interface AmplitudeVariant {
  key?: string;
  value?: unknown;
  payload?: unknown;
  metadata?: Record<string, unknown>;
}

/** A flag config. */
export interface AmplitudeFlag {
  key?: string;
  variants?: Record<string, AmplitudeVariant>;
  segments?: AmplitudeSegment[];
  dependencies?: string[];
  metadata?: Record<string, unknown>;
}
