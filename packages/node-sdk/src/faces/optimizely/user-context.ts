import type { Context } from '@ensign/context';
import type { JsonObject } from '@ensign/datafile-schema';
import type { CompiledDatafile, ErrorKind, EvaluateOptions, EvaluationResult, UserProfile } from '@ensign/evaluator-core';
import { errorResult, evaluateFlag, getFlag } from '@ensign/evaluator-core';
import type { ClientCore } from '../../client/core.js';
import { keyText, messageOf, setEntry } from '../records.js';
import type { DecideFlags, DecideOption } from './decide-options.js';
import { foldDecideOptions } from './decide-options.js';
import type { DecisionUser, OptimizelyDecision } from './decision.js';
import { DECISION_MESSAGES, errorDecision, formatMessage, toDecision } from './decision.js';
import type { ForcedDecisions, OptimizelyDecisionContext, OptimizelyForcedDecision } from './forced-decisions.js';
import { createForcedDecisions } from './forced-decisions.js';
import { trackConversion } from './track-event.js';
import { UserState } from './user-state.js';

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
  /** ODP segments the user qualifies for; null until set. */
  getQualifiedSegments(): string[] | null;
  setQualifiedSegments(segments: readonly string[] | null): void;
  isQualifiedFor(segment: string): boolean;
}

/** Decisions of several flags, with the raw results (for the async profile save). */
interface Many {
  decisions: Record<string, OptimizelyDecision>;
  results: EvaluationResult[];
}

const defaultFlagsCache = new WeakMap<readonly DecideOption[], DecideFlags>();
/** The evaluate options of a plain decide (default flags, nothing forced, no segments), shared per client. */
const plainOptionsCache = new WeakMap<ClientCore, EvaluateOptions>();

// A class, not a closure bundle: `createUserContext` runs once per request, so its methods live on the prototype.
class UserContext implements OptimizelyUserContext {
  private readonly state: UserState;
  private forced: ForcedDecisions | null = null;
  private segments: string[] | null = null;
  private readonly defaults: DecideFlags;
  /** Evaluate options of a call with the default flags, rebuilt after a forced-decision or segment change. */
  private defaultOptions: EvaluateOptions | null = null;

  constructor(
    private readonly core: ClientCore,
    userId: unknown,
    attributes: unknown,
  ) {
    this.state = new UserState(core, userId, attributes);
    const defaults = core.options.defaultDecideOptions;
    let flags = defaultFlagsCache.get(defaults);
    if (!flags) {
      flags = foldDecideOptions(defaults, undefined).flags;
      defaultFlagsCache.set(defaults, flags);
    }
    this.defaults = flags;
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
    return this.decideWith(flagKey, options, undefined).decision;
  }

  decideForKeys(flagKeys: readonly string[], options?: readonly DecideOption[]): Record<string, OptimizelyDecision> {
    return this.decideMany(flagKeys, options, false, undefined).decisions;
  }

  decideAll(options?: readonly DecideOption[]): Record<string, OptimizelyDecision> {
    return this.decideMany(undefined, options, true, undefined).decisions;
  }

  async decideAsync(flagKey: string, options?: readonly DecideOption[]): Promise<OptimizelyDecision> {
    const profile = await this.lookupAsync(options);
    const { decision, result } = this.decideWith(flagKey, options, profile);
    await this.saveAsync(profile, result ? [result] : []);
    return decision;
  }

  async decideForKeysAsync(flagKeys: readonly string[], options?: readonly DecideOption[]): Promise<Record<string, OptimizelyDecision>> {
    const profile = await this.lookupAsync(options);
    const { decisions, results } = this.decideMany(flagKeys, options, false, profile);
    await this.saveAsync(profile, results);
    return decisions;
  }

  async decideAllAsync(options?: readonly DecideOption[]): Promise<Record<string, OptimizelyDecision>> {
    const profile = await this.lookupAsync(options);
    const { decisions, results } = this.decideMany(undefined, options, true, profile);
    await this.saveAsync(profile, results);
    return decisions;
  }

  trackEvent(eventKey: string, eventTags?: EventTags): void {
    trackConversion(this.core, this.state, eventKey, eventTags);
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

  private flagsOf(options: unknown): DecideFlags {
    if (options === undefined || (Array.isArray(options) && options.length === 0)) return this.defaults;
    const folded = foldDecideOptions(this.core.options.defaultDecideOptions, options);
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
      const shared = plainOptionsCache.get(this.core);
      if (shared) return (this.defaultOptions = shared);
    }
    const o: EvaluateOptions = { includeReasons: flags.includeReasons, excludeVariables: flags.excludeVariables };
    if (this.forced) o.forcedDecisions = this.forced.list();
    if (this.segments !== null) o.qualifiedSegments = this.segments;
    if (flags.ignoreUserProfileService) o.ignoreUserProfile = true;
    else if (profile !== undefined) o.userProfile = profile;
    else if (this.core.options.userProfileService) o.userProfileStore = this.core.options.userProfileService;
    if (cacheable) this.defaultOptions = o;
    if (plain) plainOptionsCache.set(this.core, Object.freeze(o));
    return o;
  }

  /** One flag, with events and hooks; `compiled` and `context` are known good. */
  private decideOne(compiled: CompiledDatafile, context: Context, flagKey: string, flags: DecideFlags, options: EvaluateOptions, user: DecisionUser): { decision: OptimizelyDecision; result: EvaluationResult } {
    const result = evaluateFlag(compiled, context, flagKey, options);
    const sink = this.core.events();
    if (sink) {
      const flag = getFlag(compiled, flagKey);
      if (flag) sink.optimizelyDecision(context, result, flag, flags.disableDecisionEvent, compiled.datafile.settings?.sendFlagDecisions === true);
    }
    this.core.decided('optimizely', flagKey, context, result);
    return { decision: toDecision(result, user, flags.includeReasons), result };
  }

  private decideWith(flagKey: unknown, options: unknown, profile: UserProfile | null | undefined): { decision: OptimizelyDecision; result: EvaluationResult | undefined } {
    const compiled = this.core.store.current();
    const user = this.state.snapshot();
    const key = keyText(flagKey);
    if (!compiled) {
      this.core.limited.log('warn', 'decide-not-ready', 'decide called before the client is ready: answering "not configured"');
      this.failed(key, 'CLIENT_NOT_READY', null, '');
      return { decision: errorDecision(key, user, DECISION_MESSAGES.SDK_NOT_READY, null), result: undefined };
    }
    const context = this.state.context();
    if (!context.ok) {
      this.failed(key, 'USER_NOT_SPECIFIED', null, compiled.revision);
      return { decision: errorDecision(key, user, context.error, compiled.revision), result: undefined };
    }
    if (typeof flagKey !== 'string') {
      this.core.limited.log('warn', 'decide-bad-key', 'decide: the flag key must be a string');
      this.failed(key, 'FLAG_NOT_FOUND', context.context, compiled.revision);
      return { decision: errorDecision(key, user, formatMessage(DECISION_MESSAGES.FLAG_KEY_INVALID, key), compiled.revision), result: undefined };
    }
    const flags = this.flagsOf(options);
    return this.decideOne(compiled, context.context, flagKey, flags, this.evaluateOptions(flags, profile), user);
  }

  /** Emits the `decision` hook for a decide that could not evaluate (when anyone listens). */
  private failed(flagKey: string, errorKind: ErrorKind, context: Context | null, revision: string): void {
    if (this.core.emitter.has('decision')) this.core.decided('optimizely', flagKey, context, errorResult(flagKey, errorKind, undefined, revision));
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
    else if (Array.isArray(keys)) list = [...new Set(keys.filter(isString))];
    else {
      this.core.limited.log('warn', 'decide-bad-keys', 'decideForKeys: the flag keys must be an array of strings');
      return out;
    }
    const flags = this.flagsOf(options);
    const user = this.state.snapshot();
    const context = this.state.context();
    if (!context.ok) {
      if (!flags.enabledFlagsOnly) for (const key of list) setEntry(out.decisions, key, errorDecision(key, user, context.error, compiled.revision));
      return out;
    }
    let evalOptions = this.evaluateOptions(flags, profile);
    for (const key of list) {
      const { decision, result } = this.decideOne(compiled, context.context, key, flags, evalOptions, user);
      out.results.push(result);
      // Sticky bucketing across keys: the next flag sees the profile this one updated.
      if (result.userProfileUpdate && profile !== undefined) evalOptions = { ...evalOptions, userProfile: result.userProfileUpdate };
      if (!flags.enabledFlagsOnly || decision.enabled) setEntry(out.decisions, key, decision);
    }
    return out;
  }

  /** Looks the profile up in `userProfileServiceAsync`; undefined when there is none to use (then the sync path applies). */
  private async lookupAsync(options: unknown): Promise<UserProfile | null | undefined> {
    const service = this.core.options.userProfileServiceAsync;
    if (!service || this.state.id === null || this.flagsOf(options).ignoreUserProfileService) return undefined;
    try {
      return (await service.lookup(this.state.id)) ?? null;
    } catch (error) {
      this.core.limited.log('error', 'ups-lookup', `userProfileServiceAsync.lookup failed: ${messageOf(error)}`);
      return null;
    }
  }

  /** Saves the last profile update of these results, when the async service was used. */
  private async saveAsync(profile: UserProfile | null | undefined, results: readonly EvaluationResult[]): Promise<void> {
    const service = this.core.options.userProfileServiceAsync;
    if (!service || profile === undefined) return;
    let update: UserProfile | undefined;
    for (const r of results) if (r.userProfileUpdate) update = r.userProfileUpdate;
    if (!update) return;
    try {
      await service.save(update);
    } catch (error) {
      this.core.limited.log('error', 'ups-save', `userProfileServiceAsync.save failed: ${messageOf(error)}`);
    }
  }
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}


/**
 * Creates a user context for the Optimizely face (`client.createUserContext`).
 *
 * @example
 * const user = createOptimizelyUserContext(core, 'user-42', { country: 'US', plan: 'pro' });
 * user.decide('checkout-redesign').variationKey; // 'control' or 'treatment'
 */
export function createOptimizelyUserContext(core: ClientCore, userId: unknown, attributes?: unknown): OptimizelyUserContext {
  return new UserContext(core, userId, attributes);
}
