import type { CompiledDatafile, EvaluateOptions } from '@ensign/evaluator-core';
import type { OdpEventInput } from '@ensign/odp-segments';
import type { ClientCore } from '../../core/client-core.js';
import type { DecideFlags, DecideOption } from './decide-options.js';
import { foldDecideOptions } from './decide-options.js';
import type { OptimizelyUserContext } from './user-context.js';
import { createOptimizelyUserContext } from './user-context.js';
import type { FaceNotifications, NotificationCenter } from './notification-center.js';
import { createNotificationCenter } from './notification-center.js';
import type { OptimizelyConfig } from './optimizely-config.js';
import { optimizelyConfigOf } from './optimizely-config.js';

/**
 * What the Optimizely face keeps per client, so that a call per request (`createUserContext(...).decide(...)`) finds
 * it with a property read: the default decide options folded once, and the frozen evaluate options of a plain
 * decide (default options, nothing forced, no segments).
 */
export interface OptimizelyFaceState {
  readonly core: ClientCore;
  readonly defaults: DecideFlags;
  plainDecideOptions: EvaluateOptions | null;
  /** Optimizely's notification center (DECISION is sent by the user contexts). */
  readonly notifications: FaceNotifications;
}

/**
 * Creates the per-client state of the Optimizely face.
 *
 * @example
 * const face = createOptimizelyFaceState(core);
 * createOptimizelyUserContext(face, 'user-42', { plan: 'pro' }).decide('checkout-redesign');
 */
export function createOptimizelyFaceState(core: ClientCore): OptimizelyFaceState {
  return {
    core,
    defaults: foldDecideOptions(core.options.defaultDecideOptions as readonly DecideOption[], undefined).flags,
    plainDecideOptions: null,
    notifications: createNotificationCenter(core),
  };
}

/** The Optimizely face of the client. */
export interface OptimizelyFace {
  /**
   * An Optimizely user context for this client: `decide`, `decideForKeys`, `decideAll`, `trackEvent`, forced
   * decisions, ODP segments. With ODP integrated and a `vuid` attribute (a string starting with `vuid_`), an identify
   * event links the user id and the vuid.
   */
  createUserContext(userId: string, attributes?: Record<string, unknown>): OptimizelyUserContext;
  /**
   * Sends an event to ODP (Optimizely's `sendOdpEvent`): `type` defaults to `fullstack`, `action` is required,
   * `identifiers` need at least one entry, `data` values are strings, numbers, booleans or null. Batched and retried.
   * Returns whether it was queued; an invalid event or ODP being off logs an error and returns false. Never throws.
   */
  sendOdpEvent(event: OdpEventInput): boolean;
  /**
   * Optimizely's `OptimizelyConfig` of the datafile in use (flag, experiment, variation and variable keys and ids),
   * rebuilt once per datafile; null before the client is ready. See the README for what differs from Optimizely's.
   */
  getOptimizelyConfig(): OptimizelyConfig | null;
  /** Optimizely's notification center: DECISION, TRACK, LOG_EVENT and OPTIMIZELY_CONFIG_UPDATE listeners. */
  readonly notificationCenter: NotificationCenter;
}

function vuidOf(attributes: unknown): string | null {
  if (typeof attributes !== 'object' || attributes === null || !Object.prototype.hasOwnProperty.call(attributes, 'vuid')) return null;
  const vuid = (attributes as { vuid?: unknown }).vuid;
  return typeof vuid === 'string' && vuid.slice(0, 5).toLowerCase() === 'vuid_' ? vuid : null;
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
  const n = state.notifications;
  const notificationCenter: NotificationCenter = {
    addNotificationListener: n.addNotificationListener,
    removeNotificationListener: n.removeNotificationListener,
    clearAllNotificationListeners: n.clearAllNotificationListeners,
    clearNotificationListeners: n.clearNotificationListeners,
  };
  let config: { revision: CompiledDatafile; value: OptimizelyConfig } | null = null;
  return {
    notificationCenter,
    getOptimizelyConfig() {
      const compiled = core.store.current();
      if (!compiled) return null;
      if (config === null || config.revision !== compiled) config = { revision: compiled, value: optimizelyConfigOf(compiled, core.options.sdkKey ?? '') };
      return config.value;
    },
    createUserContext(userId, attributes) {
      const odp = core.odp;
      if (odp && typeof userId === 'string' && userId !== '') {
        const vuid = vuidOf(attributes);
        if (vuid !== null) odp.identifyUser(userId, vuid);
      }
      return createOptimizelyUserContext(state, userId, attributes);
    },
    sendOdpEvent(event) {
      if (!core.odp) {
        core.limited.log('error', 'odp-off', 'sendOdpEvent: ODP is disabled (odp.disabled); the event was not sent');
        return false;
      }
      return core.odp.sendEvent(event);
    },
  };
}
