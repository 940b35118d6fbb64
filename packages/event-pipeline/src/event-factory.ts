// Turns record inputs into events of schema version 1. This is where contexts are redacted (by @ensign/context's
// redactor, never by code of this package): an event is created only with the redacted JSON of its context.
import { createContextRedactor } from '@ensign/context';
import type { Context } from '@ensign/context';
import type { Clock } from '@ensign/common';
import { DAY_MS, assignmentCanonical, exposureCanonical, insertId } from './amplitude-identity.js';
import type { ResolvedIdentity } from './amplitude-identity.js';
import { liftEventTags } from './event-tags.js';
import { copyJson } from './json-size.js';
import { PrivateIdentityError, createPrivateKeyCheck, findPrivateValues, hasRedactions, isPrivateId } from './private-values.js';
import type {
  AssignmentEvent,
  ConversionEvent,
  DecisionEvent,
  DecisionReason,
  ExposureEvent,
  IdentifyEvent,
  IndexEvent,
  JsonObject,
  JsonValue,
  RedactedContext,
  SummaryEvent,
} from './events.js';
import type { AssignmentInput, ConversionInput, DecisionInput, ExposureInput } from './inputs.js';
import type { SummarySnapshot } from './summarizer.js';

/** What the factory needs from the pipeline's options. */
export interface EventFactoryOptions {
  clock: Clock;
  idGenerator: () => string;
  privateAttributes: readonly string[];
  allAttributesPrivate: boolean;
  redactAnonymousInAllEvents: boolean;
  /** Conversion events redact anonymous contexts as decision events do (see `redactAnonymousInConversions`). Default false. */
  redactAnonymousInConversions?: boolean;
  exposureTtlMs: number;
}

/**
 * Builds events. A method may throw when a context cannot be redacted, when a value from the caller is not JSON
 * (`NotJsonError`), or when the event could only carry a private id (`PrivateIdentityError`: a context key equal to
 * the value of an attribute named private, or an Amplitude event whose every id is private); the pipeline catches
 * it and counts a drop with the reason.
 * `decision` and `index` accept the context already redacted (by {@link EventFactory.redact} with the same
 * `isDecision`), so one evaluation that needs both redacts its context once.
 */
export interface EventFactory {
  /** The redacted JSON of a context, as a decision event (`isDecision`) or any other event carries it. */
  redact(context: Context, isDecision: boolean): RedactedContext;
  /** Whether a context redacts the same in decision events as in other events (no anonymous kind is treated apart). */
  redactsAlike(context: Context): boolean;
  /** A decision event recorded at `now`. */
  decision(input: DecisionInput, now: number, redacted?: RedactedContext): DecisionEvent;
  conversion(input: ConversionInput): ConversionEvent;
  identify(context: Context): IdentifyEvent;
  /** An index event recorded at `now`. */
  index(context: Context, now: number, redacted?: RedactedContext): IndexEvent;
  summary(snapshot: SummarySnapshot): SummaryEvent;
  assignment(input: AssignmentInput, identity: ResolvedIdentity, canonical: string): AssignmentEvent;
  /**
   * An exposure event; `insertId` hashes `"{flagKey} {canonical}"`. `recanonical` gives the canonical string of the
   * ids left when a private id is left out (default: the flag's own, `exposureCanonical`).
   */
  exposure(input: ExposureInput & { variantKey: string }, identity: ResolvedIdentity, canonical: string, recanonical?: (id: ResolvedIdentity) => string): ExposureEvent;
}

/** Creates an {@link EventFactory}. */
export function createEventFactory(o: EventFactoryOptions): EventFactory {
  // `redactContext` with the global private references parsed once.
  const redactor = createContextRedactor({ allAttributesPrivate: o.allAttributesPrivate, privateAttributes: [...o.privateAttributes] });
  // Decision events always redact anonymous contexts (LaunchDarkly's feature events); other events only on request.
  // A key equal to the value of an attribute named private would carry that value out: such an event is refused.
  // Without global private attributes and `_meta`, the check is a property read; otherwise a few per reference.
  const hasPrivateKey = createPrivateKeyCheck(o.privateAttributes);
  const redact = (context: Context, isDecision: boolean): RedactedContext => {
    const redacted = redactor.redact(context, { redactAnonymousAttributes: isDecision || o.redactAnonymousInAllEvents }) as RedactedContext;
    if (hasPrivateKey(context)) throw new PrivateIdentityError();
    return redacted;
  };
  // The ids an Amplitude event may carry: a private id becomes null and is left out of the insert id. When the
  // event had an id and none is left, Amplitude could not accept it: PrivateIdentityError.
  const amplitude = (context: Context, identity: ResolvedIdentity, canonical: string, recanonical: (id: ResolvedIdentity) => string) => {
    const redacted = redact(context, false);
    const values = hasRedactions(redacted) ? findPrivateValues(context, redacted, o.privateAttributes) : null;
    const userPrivate = isPrivateId(identity.userId, values);
    const devicePrivate = isPrivateId(identity.deviceId, values);
    if (!userPrivate && !devicePrivate) return { redacted, identity, canonical };
    const visible: ResolvedIdentity = { userId: userPrivate ? null : identity.userId, deviceId: devicePrivate ? null : identity.deviceId };
    if (visible.userId === null && visible.deviceId === null) throw new PrivateIdentityError();
    return { redacted, identity: visible, canonical: recanonical(visible) };
  };
  const base = () => ({ id: o.idGenerator(), timestamp: o.clock.now() });

  return {
    redact,
    redactsAlike: (context) => o.redactAnonymousInAllEvents || !hasAnonymousKind(context),
    decision: (i, now, redacted) => ({
      kind: 'decision',
      id: o.idGenerator(),
      timestamp: now,
      context: redacted ?? redact(i.context, true),
      flagKey: i.flagKey,
      flagVersion: i.flagVersion ?? null,
      variationKey: i.variationKey,
      variationIndex: i.variationIndex ?? null,
      variationId: i.variationId ?? null,
      value: (copyJson(i.value) ?? null) as JsonValue,
      defaultValue: (copyJson(i.defaultValue) ?? null) as JsonValue,
      ruleKey: i.ruleKey ?? null,
      ruleId: i.ruleId ?? null,
      ruleType: i.ruleType ?? null,
      experimentKey: i.experimentKey ?? null,
      experimentId: i.experimentId ?? null,
      enabled: i.enabled ?? null,
      revision: i.revision ?? null,
      reason: copyReason(i.reason),
      prereqOf: i.prereqOf ?? null,
    }),
    conversion(i) {
      const tags = i.tags === null || i.tags === undefined ? null : copyObject(i.tags);
      const lifted = liftEventTags(tags);
      return {
        kind: 'conversion',
        ...base(),
        context: redact(i.context, o.redactAnonymousInConversions === true),
        eventKey: i.eventKey,
        eventId: i.eventId ?? null,
        revision: i.revision ?? null,
        tags,
        revenue: lifted.revenue,
        value: lifted.value,
        data: (copyJson(i.data) ?? null) as JsonValue,
        metricValue: typeof i.metricValue === 'number' && Number.isFinite(i.metricValue) ? i.metricValue : null,
      };
    },
    identify: (context) => ({ kind: 'identify', ...base(), context: redact(context, false) }),
    index: (context, now, redacted) => ({ kind: 'index', id: o.idGenerator(), timestamp: now, context: redacted ?? redact(context, false) }),
    summary: (s) => ({
      kind: 'summary',
      ...base(),
      startDate: s.startDate,
      endDate: s.endDate,
      flags: s.flags,
      unknownFlagEvaluations: s.unknownFlagEvaluations,
      overflowEvaluations: s.overflowEvaluations,
    }),
    assignment(i, given, givenCanonical) {
      const { redacted, identity, canonical } = amplitude(i.context, given, givenCanonical, (id) => assignmentCanonical(id, i.flags));
      const b = base();
      return {
        kind: 'assignment',
        ...b,
        context: redacted,
        userId: identity.userId,
        deviceId: identity.deviceId,
        flags: i.flags.map((f) => ({
          flagKey: f.flagKey,
          variantKey: f.variantKey,
          flagVersion: f.flagVersion ?? null,
          ruleKey: f.ruleKey ?? null,
          isDefault: f.isDefault === true,
        })),
        insertId: insertId(identity, canonical, b.timestamp, DAY_MS),
      };
    },
    exposure(i, given, givenCanonical, recanonical) {
      const { redacted, identity, canonical } = amplitude(i.context, given, givenCanonical, recanonical ?? ((id) => exposureCanonical(id, i.flagKey, i.variantKey)));
      const b = base();
      return {
        kind: 'exposure',
        ...b,
        context: redacted,
        userId: identity.userId,
        deviceId: identity.deviceId,
        flagKey: i.flagKey,
        variantKey: i.variantKey,
        experimentKey: i.experimentKey ?? null,
        metadata: i.metadata === null || i.metadata === undefined ? null : copyObject(i.metadata),
        insertId: insertId(identity, `${i.flagKey} ${canonical}`, b.timestamp, o.exposureTtlMs),
      };
    },
  };
}

// Whether any kind of the context says `anonymous: true` (decision events redact those kinds entirely).
function hasAnonymousKind(context: Context): boolean {
  if (context.kind !== 'multi') return context['anonymous'] === true;
  for (const kind of Object.keys(context)) {
    const individual = context[kind];
    if (kind !== 'kind' && typeof individual === 'object' && individual !== null && (individual as Record<string, unknown>)['anonymous'] === true) {
      return true;
    }
  }
  return false;
}

// Only the known reason fields travel: an evaluator's reason may carry more (traces) than an event should.
function copyReason(reason: DecisionReason | null | undefined): DecisionReason | null {
  if (reason === null || reason === undefined || typeof reason.kind !== 'string') return null;
  const out: DecisionReason = { kind: reason.kind };
  if (typeof reason.ruleIndex === 'number') out.ruleIndex = reason.ruleIndex;
  if (typeof reason.ruleId === 'string') out.ruleId = reason.ruleId;
  if (typeof reason.prerequisiteKey === 'string') out.prerequisiteKey = reason.prerequisiteKey;
  if (typeof reason.inExperiment === 'boolean') out.inExperiment = reason.inExperiment;
  if (typeof reason.errorKind === 'string') out.errorKind = reason.errorKind;
  if (typeof reason.forced === 'boolean') out.forced = reason.forced;
  if (typeof reason.holdoutKey === 'string') out.holdoutKey = reason.holdoutKey;
  return out;
}

// A JSON copy (see copyJson): `__proto__` stays an own property and never touches a prototype; a value that is not
// JSON (a cycle, a BigInt, a throwing getter) throws NotJsonError and the event is dropped as invalid.
function copyObject(source: JsonObject): JsonObject | null {
  const copy = copyJson(source);
  return typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? (copy as JsonObject) : null;
}
