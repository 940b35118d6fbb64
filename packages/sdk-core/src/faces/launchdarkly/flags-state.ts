import type { Flag, JsonValue } from '@ensign/datafile-schema';
import type { CompiledDatafile, EvaluationReason, EvaluationResult, FlagResultsInOrder } from '@ensign/evaluator-core';
import { flagKeyTemplate, getFlag } from '@ensign/evaluator-core';
import { ruleOf } from '../../core/events/flag-rules.js';
import { isLaunchDarklyEvaluationTracked } from '../../core/events/track-policy.js';

/** Options of `allFlagsState`, as LaunchDarkly's `LDFlagsStateOptions`. All default to false. */
export interface LDFlagsStateOptions {
  /** Include evaluation reasons. */
  withReasons?: boolean;
  /** Only flags available to client-side SDKs (`clientSide`, or `clientSideAvailability.usingEnvironmentId`). */
  clientSideOnly?: boolean;
  /** Omit version and reason of flags that have no event tracking or debugging. */
  detailsOnlyForTrackedFlags?: boolean;
}

/** Metadata of one flag in `$flagsState`. */
export interface LDFlagMeta {
  variation?: number;
  version?: number;
  reason?: EvaluationReason;
  trackEvents?: boolean;
  trackReason?: boolean;
  debugEventsUntilDate?: number;
  /** The keys of the flag's prerequisites evaluated for it, in order (LaunchDarkly's `prerequisites`). */
  prerequisites?: string[];
}

/** What `toJSON()` returns: the shape browser SDKs bootstrap from. */
export type LDFlagsStateJson = { [flagKey: string]: JsonValue | Record<string, LDFlagMeta> | boolean } & {
  $flagsState: Record<string, LDFlagMeta>;
  $valid: boolean;
};

/** A snapshot of every flag's value for one context (LaunchDarkly's `LDFlagsState`). */
export interface LDFlagsState {
  /** False when the client was not ready or the context was invalid (then it holds no flag). */
  valid: boolean;
  /** Values by flag key. */
  allValues(): Record<string, JsonValue>;
  getFlagValue(key: string): JsonValue | undefined;
  /** The reason of a flag, when reasons were recorded; null otherwise. */
  getFlagReason(key: string): EvaluationReason | null;
  toJSON(): LDFlagsStateJson;
}

const isClientSide = (flag: Flag) => flag.clientSide === true || flag.clientSideAvailability?.usingEnvironmentId === true;

/** The metadata rules of LaunchDarkly's `FlagsStateBuilder`, applied to every result (see {@link buildFlagsState}). */
/** Results as `evaluateAllFlagsInOrder` gives them (a list beside the keys), rather than a record by key. */
function isInOrder(results: object): results is FlagResultsInOrder {
  return Array.isArray((results as { results?: unknown }).results) && Array.isArray((results as { keys?: unknown }).keys);
}

/** What `fill` reads of each flag, in datafile order: the same for every call, so made once per compiled datafile. */
interface FlagFacts {
  readonly key: string;
  /** Undefined for a quarantined key. */
  readonly flag: Flag | undefined;
  readonly clientSide: boolean;
  readonly trackEvents: boolean;
  readonly trackEventsFallthrough: boolean;
  readonly version: number | undefined;
  readonly debugUntil: number | undefined;
}

const factsByDatafile = new WeakMap<CompiledDatafile, readonly FlagFacts[]>();

/** The facts of every flag of `compiled`, in `flagKeys` order, made on first use (no lookup by key per call). */
function factsOf(compiled: CompiledDatafile): readonly FlagFacts[] {
  let facts = factsByDatafile.get(compiled);
  if (facts === undefined) {
    facts = compiled.flagKeys.map((key) => {
      const flag = getFlag(compiled, key);
      return {
        key,
        flag,
        clientSide: flag !== undefined && isClientSide(flag),
        trackEvents: flag?.trackEvents === true,
        trackEventsFallthrough: flag?.trackEventsFallthrough === true,
        version: flag?.version,
        debugUntil: flag?.debugEventsUntilDate,
      };
    });
    factsByDatafile.set(compiled, facts);
  }
  return facts;
}

function fill(
  compiled: CompiledDatafile,
  results: Readonly<Record<string, EvaluationResult>> | FlagResultsInOrder,
  clientSideOnly: boolean,
  withReasons: boolean,
  detailsOnlyForTrackedFlags: boolean,
  values: Record<string, JsonValue>,
  meta: Record<string, LDFlagMeta>,
  prerequisites: ReadonlyMap<string, readonly string[]> | null,
): boolean {
  let every = true;
  const facts = factsOf(compiled);
  const inOrder = isInOrder(results) ? results : null;
  // A list in the datafile's order (evaluateAllFlagsInOrder answers with `flagKeys` itself) is read by index; another
  // list by its own keys. (`flagKeys` is frozen: comparing it once costs less than reading it per flag.)
  const aligned = inOrder !== null && inOrder.keys === compiled.flagKeys;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i] as FlagFacts;
    const key = f.key;
    if (f.flag === undefined || (clientSideOnly && !f.clientSide)) {
      every = false;
      continue;
    }
    const result = inOrder === null ? (results as Readonly<Record<string, EvaluationResult>>)[key] : aligned || inOrder.keys[i] === key ? inOrder.results[i] : undefined;
    if (result === undefined) {
      every = false;
      continue;
    }
    // LaunchDarkly's isExperiment: in an experiment, or a tracked rule / fallthrough.
    const reason = result.reason;
    const experiment = isLaunchDarklyEvaluationTracked({
      reasonKind: reason.kind,
      inExperiment: reason.inExperiment === true,
      ruleTrackEvents: reason.kind === 'RULE_MATCH' && ruleOf(f.flag, result.ruleId)?.trackEvents === true,
      trackEventsFallthrough: f.trackEventsFallthrough,
    });
    const trackEvents = f.trackEvents || experiment;
    const debugUntil = f.debugUntil;
    const m: LDFlagMeta = {};
    if (result.variationIndex !== null) m.variation = result.variationIndex;
    const omitDetails = detailsOnlyForTrackedFlags && !trackEvents && !experiment && debugUntil === undefined;
    if (!omitDetails && f.version !== undefined) m.version = f.version;
    if (experiment || (withReasons && !omitDetails)) m.reason = reason;
    if (trackEvents) m.trackEvents = true;
    if (experiment) m.trackReason = true;
    if (debugUntil !== undefined) m.debugEventsUntilDate = debugUntil;
    const evaluated = prerequisites === null ? undefined : prerequisites.get(key);
    if (evaluated !== undefined && evaluated.length > 0) m.prerequisites = [...evaluated];
    values[key] = result.value;
    meta[key] = m;
  }
  return every;
}

/** The filled entries only, in datafile order, as null-prototype records (when some flags were left out). */
function onlyFilled<T>(compiled: CompiledDatafile, from: Record<string, T>, meta: Record<string, LDFlagMeta>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const k of compiled.flagKeys) if (meta[k] !== null && Object.prototype.hasOwnProperty.call(meta, k)) out[k] = from[k] as T;
  return out;
}

/**
 * Evaluates every flag for a context into an {@link LDFlagsState}, with the metadata rules of LaunchDarkly's
 * `FlagsStateBuilder`: `variation` when a variation was served; `version` unless details are only for tracked flags
 * and this one is not tracked; `reason` with `withReasons` (or always when the evaluation is in an experiment, with
 * `trackReason: true`); `trackEvents` when the flag or the experiment is tracked. Sends no event.
 * An absent datafile or context gives `valid: false` and no flags.
 *
 * With `lazy`, the values and metadata are built on the first read of the state (most callers read it once, or
 * not at all): the options are read now, and the results and datafile are a snapshot, so what it answers is what
 * it would have answered if built now. Pass `lazy` only when nothing else holds the results (no `decision`
 * listener could change one before the state is read).
 *
 * @example
 * const state = buildFlagsState(compiled, results, { clientSideOnly: true });
 * res.json(state.toJSON());
 */
export function buildFlagsState(
  compiled: CompiledDatafile | undefined,
  results: Readonly<Record<string, EvaluationResult>> | FlagResultsInOrder | null,
  options: LDFlagsStateOptions,
  lazy = false,
  prerequisites: ReadonlyMap<string, readonly string[]> | null = null,
): LDFlagsState {
  let values: Record<string, JsonValue> = Object.create(null) as Record<string, JsonValue>;
  let meta: Record<string, LDFlagMeta> = Object.create(null) as Record<string, LDFlagMeta>;
  const valid = compiled !== undefined && results !== null;
  const clientSideOnly = options.clientSideOnly === true;
  const withReasons = options.withReasons === true;
  const detailsOnlyForTrackedFlags = options.detailsOnlyForTrackedFlags === true;
  let pending = valid;
  const built = (): void => {
    if (!pending) return;
    pending = false;
    const c = compiled as CompiledDatafile;
    // Fast clones of the evaluator's per-datafile template of every key: filled key by key, they keep fast
    // properties (grown from `{}`, they turned into dictionaries that made `toJSON()` cost more than evaluating).
    const template = flagKeyTemplate(c);
    const v = { ...template } as Record<string, JsonValue>;
    const m = { ...template } as unknown as Record<string, LDFlagMeta>;
    if (fill(c, results as Readonly<Record<string, EvaluationResult>> | FlagResultsInOrder, clientSideOnly, withReasons, detailsOnlyForTrackedFlags, v, m, prerequisites)) {
      values = v;
      meta = m;
    } else {
      // Some flags were left out (client-side only, no result): keep only the others.
      values = onlyFilled(c, v, m);
      meta = onlyFilled(c, m, m);
    }
  };
  if (!lazy) built();
  return {
    valid,
    allValues: () => {
      built();
      return { ...values };
    },
    getFlagValue: (key) => {
      built();
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
    },
    getFlagReason: (key) => {
      built();
      return Object.prototype.hasOwnProperty.call(meta, key) ? (meta[key]?.reason ?? null) : null;
    },
    toJSON: () => {
      built();
      // `{ ...values }` alone is one fast clone; more properties in the same literal would copy key by key.
      const json = { ...values } as Record<string, unknown>;
      json['$flagsState'] = { ...meta };
      json['$valid'] = valid;
      return json as LDFlagsStateJson;
    },
  };
}
