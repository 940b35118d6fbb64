import type { JsonObject } from '@ensign/datafile-schema';
import type { SegmentOption } from '@ensign/odp-segments';
import type { DecideOption } from './decide-options.js';
import type { OptimizelyDecision } from './decision.js';
import type { OptimizelyDecisionContext, OptimizelyForcedDecision } from './forced-decisions.js';

/** Event tags of `trackEvent` (Optimizely `EventTags`: `revenue` in cents, `value`, and any other JSON). */
export type EventTags = JsonObject;

/**
 * An Optimizely user context: a user id and attributes, bound to a client. Every method is total: bad arguments
 * give an error decision, `false` or `null`, with a rate-limited log line, never an exception.
 */
export interface OptimizelyUserContext {
  getUserId(): string;
  /** A copy of the attributes. */
  getAttributes(): Record<string, unknown>;
  setAttribute(key: string, value: unknown): void;
  /** Decides one flag. */
  decide(flagKey: string, options?: readonly DecideOption[]): OptimizelyDecision;
  /** Decides several flags; `ENABLED_FLAGS_ONLY` leaves out disabled ones. Empty before the client is ready. */
  decideForKeys(flagKeys: readonly string[], options?: readonly DecideOption[]): Record<string, OptimizelyDecision>;
  /** Decides every flag of the datafile. Empty before the client is ready. */
  decideAll(options?: readonly DecideOption[]): Record<string, OptimizelyDecision>;
  /** `decide` with the asynchronous `userProfileServiceAsync` (looked up before, saved after). */
  decideAsync(flagKey: string, options?: readonly DecideOption[]): Promise<OptimizelyDecision>;
  decideForKeysAsync(flagKeys: readonly string[], options?: readonly DecideOption[]): Promise<Record<string, OptimizelyDecision>>;
  decideAllAsync(options?: readonly DecideOption[]): Promise<Record<string, OptimizelyDecision>>;
  /** Sends a conversion event; an event key missing from the datafile logs one error and sends nothing. */
  trackEvent(eventKey: string, eventTags?: EventTags): void;
  /** Forces a variation for a flag (or one rule of it). Returns true when stored. */
  setForcedDecision(context: OptimizelyDecisionContext, decision: OptimizelyForcedDecision): boolean;
  getForcedDecision(context: OptimizelyDecisionContext): OptimizelyForcedDecision | null;
  removeForcedDecision(context: OptimizelyDecisionContext): boolean;
  removeAllForcedDecisions(): boolean;
  /** ODP segments the user qualifies for; null until fetched or set. */
  getQualifiedSegments(): string[] | null;
  /** Sets the segments `qualified` conditions see (null: none known). */
  setQualifiedSegments(segments: readonly string[] | null): void;
  isQualifiedFor(segment: string): boolean;
  /**
   * The ODP segments, read and written as Optimizely's JavaScript user context has them: reading is
   * `getQualifiedSegments()`, assigning is `setQualifiedSegments(value)`.
   */
  qualifiedSegments: string[] | null;
  /**
   * Fetches the segments the user qualifies for from ODP (those the datafile's `qualified` conditions name) and
   * keeps them for later decisions. Resolves true on success; false when ODP is off or not integrated or the fetch
   * failed (the segments are then null). Never rejects. Options: `OptimizelySegmentOption.IGNORE_CACHE`, `RESET_CACHE`.
   */
  fetchQualifiedSegments(options?: readonly SegmentOption[]): Promise<boolean>;
  /** The callback form: `callback(success)` once done (the promise resolves too). */
  fetchQualifiedSegments(callback: (success: boolean) => void, options?: readonly SegmentOption[]): Promise<boolean>;
}
