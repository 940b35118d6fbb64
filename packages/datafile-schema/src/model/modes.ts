// Part of the native Ensign datafile v1 types (see ../types.ts for the whole picture).

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
