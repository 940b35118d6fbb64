import type { Context } from '@ensign/context';
import type { CompiledDatafile, ErrorKind, EvaluateOptions, EvaluationResult, UserProfile } from '@ensign/evaluator-core';
import type { ClientCore } from '../../core/client-core.js';
import { DECIDE_NO_DECISION_EVENT } from '../../core/client-core.js';
import { keyText, setEntry } from '../../core/records.js';
import type { DecideFlags, DecideOption } from './decide-options.js';
import { foldDecideOptions } from './decide-options.js';
import { decideKeyOrder } from './decide-keys.js';
import type { DecisionUser, OptimizelyDecision } from './decision.js';
import { DECISION_MESSAGES, errorDecision, formatMessage, toDecision } from './decision.js';
import type { ForcedDecisions, OptimizelyDecisionContext, OptimizelyForcedDecision } from './forced-decisions.js';
import { fetchSegmentsFor } from './fetch-segments.js';
import type { EventTags, OptimizelyUserContext } from './user-context-types.js';
import { createForcedDecisions } from './forced-decisions.js';
import { decisionPayload } from './notification-center.js';
import { trackConversion } from './track-event.js';
import { lookupProfile, saveProfile } from './profile-async.js';
import { profileForCall, saveAfterCall } from './profile-sync.js';
import { UserState } from './user-state.js';
import type { OptimizelyFaceState } from './optimizely-face.js';

export type { EventTags, OptimizelyUserContext } from './user-context-types.js';

/** Decisions of several flags, with the raw results (for the async profile save). */
interface Many {
  decisions: Record<string, OptimizelyDecision>;
  results: EvaluationResult[];
}

// A class, not a closure bundle: `createUserContext` runs once per request, so its methods live on the prototype.
class UserContext implements OptimizelyUserContext {
  private readonly state: UserState;
  private forced: ForcedDecisions | null = null;
  private segments: string[] | null = null;
  private readonly defaults: DecideFlags;
  /** Evaluate options of a call with the default flags, rebuilt after a forced-decision or segment change. */
  private defaultOptions: EvaluateOptions | null = null;

  private readonly core: ClientCore;

  constructor(
    private readonly face: OptimizelyFaceState,
    userId: unknown,
    attributes: unknown,
  ) {
    this.core = face.core;
    this.state = new UserState(face.core, userId, attributes);
    this.defaults = face.defaults;
  }

  getUserId(): string {
    return this.state.idText;
  }

  getAttributes(): Record<string, unknown> {
    return this.state.attributes();
  }

  setAttribute(key: string, value: unknown): void {
    this.state.setAttribute(key, value);
  }

  decide(flagKey: string, options?: readonly DecideOption[]): OptimizelyDecision {
    return this.decideWith(flagKey, options, undefined, null);
  }

  decideForKeys(flagKeys: readonly string[], options?: readonly DecideOption[]): Record<string, OptimizelyDecision> {
    return this.decideMany(flagKeys, options, false, undefined).decisions;
  }

  decideAll(options?: readonly DecideOption[]): Record<string, OptimizelyDecision> {
    return this.decideMany(undefined, options, true, undefined).decisions;
  }

  async decideAsync(flagKey: string, options?: readonly DecideOption[]): Promise<OptimizelyDecision> {
    const profile = await lookupProfile(this.core, this.state, () => this.flagsOf(options));
    const results: EvaluationResult[] = [];
    const decision = this.decideWith(flagKey, options, profile, results);
    await saveProfile(this.core, profile, results);
    return decision;
  }

  async decideForKeysAsync(flagKeys: readonly string[], options?: readonly DecideOption[]): Promise<Record<string, OptimizelyDecision>> {
    const profile = await lookupProfile(this.core, this.state, () => this.flagsOf(options));
    const { decisions, results } = this.decideMany(flagKeys, options, false, profile);
    await saveProfile(this.core, profile, results);
    return decisions;
  }

  async decideAllAsync(options?: readonly DecideOption[]): Promise<Record<string, OptimizelyDecision>> {
    const profile = await lookupProfile(this.core, this.state, () => this.flagsOf(options));
    const { decisions, results } = this.decideMany(undefined, options, true, profile);
    await saveProfile(this.core, profile, results);
    return decisions;
  }

  trackEvent(eventKey: string, eventTags?: EventTags): void {
    trackConversion(this.core, this.state, eventKey, eventTags, this.face.notifications);
  }

  setForcedDecision(context: OptimizelyDecisionContext, decision: OptimizelyForcedDecision): boolean {
    this.defaultOptions = null;
    return (this.forced ??= createForcedDecisions()).set(context, decision);
  }

  getForcedDecision(context: OptimizelyDecisionContext): OptimizelyForcedDecision | null {
    return this.forced ? this.forced.get(context) : null;
  }

  removeForcedDecision(context: OptimizelyDecisionContext): boolean {
    this.defaultOptions = null;
    return this.forced ? this.forced.remove(context) : false;
  }

  removeAllForcedDecisions(): boolean {
    this.defaultOptions = null;
    this.forced?.clear();
    return true;
  }

  getQualifiedSegments(): string[] | null {
    return this.segments === null ? null : [...this.segments];
  }

  setQualifiedSegments(list: readonly string[] | null): void {
    this.defaultOptions = null;
    if (list === null || list === undefined) this.segments = null;
    else if (Array.isArray(list)) this.segments = list.filter(isString);
    else this.core.limited.log('warn', 'segments-bad', 'setQualifiedSegments: expected an array of strings or null; ignored');
  }

  isQualifiedFor(segment: string): boolean {
    return this.segments !== null && this.segments.includes(segment);
  }

  get qualifiedSegments(): string[] | null {
    return this.getQualifiedSegments();
  }

  set qualifiedSegments(list: string[] | null) {
    this.setQualifiedSegments(list);
  }

  fetchQualifiedSegments(first?: unknown, second?: unknown): Promise<boolean> {
    return fetchSegmentsFor(this.core, this.state.id, first, second, (segments) => this.setQualifiedSegments(segments));
  }

  private flagsOf(options: unknown): DecideFlags {
    if (options === undefined || (Array.isArray(options) && options.length === 0)) return this.defaults;
    const folded = foldDecideOptions(this.core.options.defaultDecideOptions as readonly DecideOption[], options);
    if (folded.unknown.length > 0) {
      this.core.limited.log('warn', 'decide-options', `decide: ignored unknown decide option(s) ${folded.unknown.map(keyText).join(', ')}`);
    }
    return folded.flags;
  }

  private evaluateOptions(flags: DecideFlags, profile: UserProfile | null | undefined): EvaluateOptions {
    const cacheable = flags === this.defaults && profile === undefined;
    if (cacheable && this.defaultOptions) return this.defaultOptions;
    const plain = cacheable && this.forced === null && this.segments === null;
    if (plain) {
      const shared = this.face.plainDecideOptions;
      if (shared) return (this.defaultOptions = shared);
    }
    const o: EvaluateOptions = { includeReasons: flags.includeReasons, excludeVariables: flags.excludeVariables };
    if (this.forced) o.forcedDecisions = this.forced.list();
    if (this.segments !== null) o.qualifiedSegments = this.segments;
    // The profile of the call is resolved by the face (once per call, merged with `$opt_experiment_bucket_map`).
    if (flags.ignoreUserProfileService) o.ignoreUserProfile = true;
    else if (profile !== undefined) o.userProfile = profile;
    if (cacheable) this.defaultOptions = o;
    if (plain) this.face.plainDecideOptions = Object.freeze(o);
    return o;
  }

  /**
   * One flag, with events and hooks; `compiled` and `context` are known good. The evaluator's result goes to
   * `results` when the caller keeps them (the asynchronous profile save), so the common path allocates no pair.
   */
  private decideOne(
    compiled: CompiledDatafile,
    context: Context,
    flagKey: string,
    flags: DecideFlags,
    options: EvaluateOptions,
    user: DecisionUser,
    results: EvaluationResult[] | null,
  ): OptimizelyDecision {
    const result = this.core.decide('optimizely', 'decide', compiled, flagKey, context, null, options, flags.disableDecisionEvent ? DECIDE_NO_DECISION_EVENT : 0);
    if (results !== null) results.push(result);
    const decision = toDecision(result, user, flags.includeReasons);
    const center = this.face.notifications;
    if (center.has('DECISION') && result.reason.kind !== 'ERROR') center.send('DECISION', decisionPayload(compiled, result, decision, flags.disableDecisionEvent));
    return decision;
  }

  private decideWith(flagKey: unknown, options: unknown, profile: UserProfile | null | undefined, results: EvaluationResult[] | null): OptimizelyDecision {
    const compiled = this.core.store.current();
    const user = this.state.snapshot();
    if (!compiled) {
      const key = keyText(flagKey);
      this.core.limited.log('warn', 'decide-not-ready', 'decide called before the client is ready: answering "not configured"');
      this.failed(key, 'CLIENT_NOT_READY', null, '');
      return errorDecision(key, user, DECISION_MESSAGES.SDK_NOT_READY, null);
    }
    const context = this.state.context();
    if (!context.ok) {
      const key = keyText(flagKey);
      this.failed(key, 'USER_NOT_SPECIFIED', null, compiled.revision);
      return errorDecision(key, user, context.error, compiled.revision);
    }
    if (typeof flagKey !== 'string') {
      const key = keyText(flagKey);
      this.core.limited.log('warn', 'decide-bad-key', 'decide: the flag key must be a string');
      this.failed(key, 'FLAG_NOT_FOUND', context.context, compiled.revision);
      return errorDecision(key, user, formatMessage(DECISION_MESSAGES.FLAG_KEY_INVALID, key), compiled.revision);
    }
    const flags = this.flagsOf(options);
    // `profile` undefined: a synchronous call, whose profile (service and attribute) is resolved here.
    const sync = profile === undefined;
    const callProfile = sync ? profileForCall(this.core, this.state, flags.ignoreUserProfileService) : profile;
    const kept = sync && callProfile !== undefined ? [] : results;
    const decision = this.decideOne(compiled, context.context, flagKey, flags, this.evaluateOptions(flags, callProfile), user, kept);
    if (sync && kept !== null) saveAfterCall(this.core, kept);
    return decision;
  }

  /** A decide that could not evaluate: through the core's error path (hooks, `decision`). */
  private failed(flagKey: string, errorKind: ErrorKind, context: Context | null, revision: string): void {
    this.core.fail('optimizely', 'decide', flagKey, context, null, errorKind, revision);
  }

  private decideMany(keys: unknown, options: unknown, all: boolean, profile: UserProfile | null | undefined): Many {
    const out: Many = { decisions: {}, results: [] };
    const compiled = this.core.store.current();
    if (!compiled) {
      this.core.limited.log('warn', 'decide-not-ready', 'decide called before the client is ready: answering "not configured"');
      return out;
    }
    let list: readonly string[];
    if (all) list = compiled.flagKeys;
    else if (Array.isArray(keys)) list = decideKeyOrder(compiled, keys);
    else {
      this.core.limited.log('warn', 'decide-bad-keys', 'decideForKeys: the flag keys must be an array of strings');
      return out;
    }
    const flags = this.flagsOf(options);
    const user = this.state.snapshot();
    const context = this.state.context();
    if (!context.ok) {
      for (const key of list) setEntry(out.decisions, key, errorDecision(key, user, context.error, compiled.revision));
      return out;
    }
    // `profile` undefined: a synchronous call, whose profile is looked up here, once for all its flags.
    const sync = profile === undefined;
    let callProfile = sync ? profileForCall(this.core, this.state, flags.ignoreUserProfileService) : profile;
    // As Optimizely's profile tracker: without a service, an empty profile lives for the call, so a flag that meets an
    // experiment another flag of the call bucketed into returns that "previously activated" variation (its reasons
    // say so). Nothing is saved without a service.
    if (callProfile === undefined && list.length > 1 && !flags.ignoreUserProfileService && this.state.id !== null) {
      callProfile = { user_id: this.state.idText, experiment_bucket_map: {} };
    }
    let evalOptions = this.evaluateOptions(flags, callProfile);
    for (const key of list) {
      const decision = this.decideOne(compiled, context.context, key, flags, evalOptions, user, out.results);
      const result = out.results[out.results.length - 1] as EvaluationResult;
      // Sticky bucketing across keys: the next flag sees the profile this one updated.
      if (result.userProfileUpdate && callProfile !== undefined) evalOptions = { ...evalOptions, userProfile: result.userProfileUpdate };
      // An unknown key keeps its error decision, as Optimizely (ENABLED_FLAGS_ONLY leaves out disabled flags only).
      if (!flags.enabledFlagsOnly || decision.enabled || result.reason.kind === 'ERROR') setEntry(out.decisions, key, decision);
    }
    if (sync && callProfile !== undefined) saveAfterCall(this.core, out.results);
    return out;
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * Creates a user context for the Optimizely face (`client.createUserContext`).
 *
 * @example
 * const user = createOptimizelyUserContext(createOptimizelyFaceState(core), 'user-42', { country: 'US', plan: 'pro' });
 * user.decide('checkout-redesign').variationKey; // 'control' or 'treatment'
 */
export function createOptimizelyUserContext(face: OptimizelyFaceState, userId: unknown, attributes?: unknown): OptimizelyUserContext {
  return new UserContext(face, userId, attributes);
}
