import type { EvaluateOptions } from '@ensign/evaluator-core';
import type { ClientCore } from '../../core/client-core.js';
import type { DecideFlags, DecideOption } from './decide-options.js';
import { foldDecideOptions } from './decide-options.js';
import type { OptimizelyUserContext } from './user-context.js';
import { createOptimizelyUserContext } from './user-context.js';

/**
 * What the Optimizely face keeps per client, so that a call per request (`createUserContext(...).decide(...)`) finds
 * it with a property read: the default decide options folded once, and the frozen evaluate options of a plain
 * decide (default options, nothing forced, no segments).
 */
export interface OptimizelyFaceState {
  readonly core: ClientCore;
  readonly defaults: DecideFlags;
  plainDecideOptions: EvaluateOptions | null;
}

/**
 * Creates the per-client state of the Optimizely face.
 *
 * @example
 * const face = createOptimizelyFaceState(core);
 * createOptimizelyUserContext(face, 'user-42', { plan: 'pro' }).decide('checkout-redesign');
 */
export function createOptimizelyFaceState(core: ClientCore): OptimizelyFaceState {
  return { core, defaults: foldDecideOptions(core.options.defaultDecideOptions as readonly DecideOption[], undefined).flags, plainDecideOptions: null };
}

/** The Optimizely face of the client. */
export interface OptimizelyFace {
  /** An Optimizely user context for this client: `decide`, `decideForKeys`, `decideAll`, `trackEvent`, forced decisions. */
  createUserContext(userId: string, attributes?: Record<string, unknown>): OptimizelyUserContext;
}

/**
 * Creates the Optimizely face over the client core.
 *
 * @example
 * const optimizely = createOptimizelyFace(core);
 * optimizely.createUserContext('user-42', { country: 'US' }).decide('checkout-redesign').variationKey;
 */
export function createOptimizelyFace(core: ClientCore): OptimizelyFace {
  const state = createOptimizelyFaceState(core);
  return { createUserContext: (userId, attributes) => createOptimizelyUserContext(state, userId, attributes) };
}
