// The one table from a hash mode to its bucketing strategy. The compiler resolves a rollout's strategy here, once;
// evaluation then calls the strategy the compiled rollout carries.
import type { HashMode } from '@ensign/datafile-schema';
import { amplitudeStrategy, type AmplitudeRollout } from './amplitude-rollout.js';
import { ensignStrategy, type EnsignRollout } from './ensign-rollout.js';
import { growthbookStrategy, type GrowthBookRollout } from './growthbook-rollout.js';
import { launchdarklyStrategy, type LaunchDarklyRollout } from './launchdarkly-rollout.js';
import { optimizelyStrategy, type OptimizelyRollout } from './optimizely-rollout.js';
import type { BucketingStrategy } from './rollout-strategy.js';

/** A compiled rollout, a holdout's allocation or a group's split: a union discriminated by the hash mode. */
export type CompiledRollout = EnsignRollout | OptimizelyRollout | LaunchDarklyRollout | AmplitudeRollout | GrowthBookRollout;

/** The compiled rollout of one hash mode. */
export type RolloutOf<M extends HashMode> = CompiledRollout extends infer R ? (R extends { readonly mode: infer X } ? (M extends X ? R : never) : never) : never;

/** Each hash mode's strategy: adding a mode to `HASH_MODES` fails `tsc` here until it has one. */
export const BUCKETING: { readonly [M in HashMode]: BucketingStrategy<RolloutOf<M>> } = Object.freeze({
  ensign: ensignStrategy,
  optimizely: optimizelyStrategy,
  launchdarkly: launchdarklyStrategy,
  amplitude: amplitudeStrategy,
  'growthbook-v1': growthbookStrategy,
  'growthbook-v2': growthbookStrategy,
});
