// compileDatafile: the one-time step that turns a datafile into the read-only structure every evaluation reads.
import { quarantineOf } from '@ensign/datafile-schema';
import type { Audience, Cohort, Datafile, Flag, JsonValue, QuarantinedEntity, Segment, Semantics, ValidDatafile } from '@ensign/datafile-schema';
import type { CompiledFlag, CompiledGroup, CompiledSegment, CompiledState, ConditionNode } from './compiled-types.js';
import { compileFlag, malformedFlag, type FlagScope } from './compile-flag.js';
import { compileAudience, compileGroup, compileHoldout, compileSegment, isGlobalHoldout } from './compile-scopes.js';
import { LazyIndex } from './lazy-index.js';

/**
 * A datafile compiled for evaluation: flags by key, compiled conditions (regexes, versions, dates, sets), rollouts
 * as bucket ranges, segment and target key sets. Read-only; build it once per datafile revision with
 * {@link compileDatafile} and share it between evaluations.
 */
export interface CompiledDatafile {
  /** The datafile it was compiled from (for `allFlagsState`, events, variables). Treat it as read-only. */
  readonly datafile: Datafile;
  /** The datafile's revision, echoed by every decision. */
  readonly revision: string;
  /** The flag keys, in datafile order (first of duplicate keys only). Quarantined flags are not among them. */
  readonly flagKeys: readonly string[];
  /**
   * What `parseDatafile` quarantined out of the datafile (empty for a datafile that did not come from it). A
   * quarantined flag's key stays known: `evaluateFlag` answers it `ERROR` / `MALFORMED_FLAG` with the quarantine
   * message in `errorMessage`, not FLAG_NOT_FOUND; see also {@link getQuarantine}.
   */
  readonly quarantined: readonly QuarantinedEntity[];
}

/** Options of {@link compileDatafile}. */
export interface CompileOptions {
  /**
   * Compile every flag and segment now instead of on first use. Default false: indexing is then a few map
   * insertions per flag, and each flag is compiled (once) by the first evaluation that needs it.
   */
  eager?: boolean;
}

type CompiledAudience = { readonly raw: Audience; readonly conditions: ConditionNode };

class Compiled implements CompiledDatafile, CompiledState {
  constructor(
    readonly datafile: Datafile,
    readonly quarantined: readonly QuarantinedEntity[],
    /** Quarantined flags whose key no loaded flag has, by key. */
    readonly quarantinedFlags: ReadonlyMap<string, QuarantinedEntity>,
    readonly revision: string,
    readonly flagKeys: readonly string[],
    readonly flags: LazyIndex<Flag, CompiledFlag>,
    readonly segments: LazyIndex<Segment, CompiledSegment>,
    readonly audiences: ReadonlyMap<string, CompiledAudience>,
    readonly cohorts: ReadonlyMap<string, Cohort>,
    readonly groups: ReadonlyMap<string, CompiledGroup>,
    readonly savedGroups: Readonly<Record<string, readonly JsonValue[]>> | undefined,
  ) {}
}

function list<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The internal state of a compiled datafile, or null for anything else. */
export function stateOf(compiled: unknown): CompiledState | null {
  return compiled instanceof Compiled ? compiled : null;
}

function build(df: Datafile, eager: boolean): Compiled {
  const semantics: Semantics = df.semantics ?? 'ensign';
  const holdouts = list(df.holdouts)
    .filter(isObject)
    .map((raw) => ({ raw, compiled: compileHoldout(raw, semantics), global: isGlobalHoldout(raw) }));
  const revision = typeof df.revision === 'string' ? df.revision : '';
  const scope: FlagScope = { semantics, holdouts, leaves: new Map(), revision, leanLeaves: new Map() };
  // Quarantined flags stand in the index as stubs that compile to MALFORMED_FLAG with the quarantine message.
  const stubs = new Map<Flag, QuarantinedEntity>();
  const flags = new LazyIndex<Flag, CompiledFlag>((raw) => {
    const q = stubs.get(raw);
    return q === undefined ? compileFlag(raw, scope) : malformedFlag(raw, q.key, `${q.path}: ${q.message}`, true);
  });
  const flagKeys: string[] = [];
  for (const flag of list(df.flags)) {
    if (isObject(flag) && typeof flag.key === 'string' && flag.key !== '' && flags.add(flag.key, flag)) flagKeys.push(flag.key);
  }
  const quarantined = quarantineOf(df);
  const quarantinedFlags = new Map<string, QuarantinedEntity>();
  for (const q of quarantined) {
    if (q.kind !== 'flag' || q.key === '' || quarantinedFlags.has(q.key)) continue;
    const stub = { key: q.key, on: false, variations: [] } as Flag;
    if (!flags.add(q.key, stub)) continue; // a loaded flag has this key (the quarantined one was a duplicate)
    stubs.set(stub, q);
    quarantinedFlags.set(q.key, q);
  }
  const segments = new LazyIndex<Segment, CompiledSegment>((raw) => compileSegment(raw, semantics));
  for (const s of list(df.segments)) if (isObject(s) && typeof s.key === 'string') segments.add(s.key, s);
  const audiences = new Map<string, CompiledAudience>();
  for (const a of list(df.audiences)) {
    if (isObject(a) && typeof a.id === 'string' && !audiences.has(a.id)) audiences.set(a.id, compileAudience(a, semantics));
  }
  const cohorts = new Map<string, Cohort>();
  for (const c of list(df.cohorts)) if (isObject(c) && typeof c.id === 'string' && !cohorts.has(c.id)) cohorts.set(c.id, c);
  const groups = new Map<string, CompiledGroup>();
  for (const g of list(df.groups)) if (isObject(g) && typeof g.key === 'string' && !groups.has(g.key)) groups.set(g.key, compileGroup(g));
  const savedGroups = isObject(df.savedGroups) ? (df.savedGroups as Record<string, JsonValue[]>) : undefined;
  const compiled = new Compiled(df, quarantined, quarantinedFlags, revision, Object.freeze(flagKeys), flags, segments, audiences, cohorts, groups, savedGroups);
  if (eager) {
    flags.compileAll();
    segments.compileAll();
  }
  return compiled;
}

const EMPTY: Datafile = Object.freeze({ schemaVersion: 1, revision: '', environment: '', flags: [] }) as Datafile;

/**
 * Compiles a datafile for evaluation. Give it the `ValidDatafile` of `parseDatafile` (@ensign/datafile-schema): it is
 * trusted as it is, without validating again, and the flags quarantined out of it stay known (they answer
 * `ERROR` / `MALFORMED_FLAG` with the quarantine message in `errorMessage`; flags that depend on them see them as
 * missing). Any other value still never throws: a malformed flag evaluates to MALFORMED_FLAG, and a value that is not
 * a datafile at all compiles to an empty one (every flag then FLAG_NOT_FOUND).
 *
 * Holdouts, groups and audiences are compiled at once; flags and segments on first use (or at once with
 * `eager: true`). Either way each is compiled once and evaluations only read.
 *
 * @param options `eager` (default false).
 * @example
 * const compiled = compileDatafile(datafile);
 * evaluateFlag(compiled, { kind: 'user', key: 'user-42' }, 'checkout-redesign');
 */
export function compileDatafile(datafile: ValidDatafile | Datafile, options?: CompileOptions): CompiledDatafile {
  const eager = options !== null && typeof options === 'object' && options.eager === true;
  try {
    return build(isObject(datafile) ? datafile : EMPTY, eager);
  } catch {
    // Only a hostile object (a throwing getter) can get here.
    return build(EMPTY, false);
  }
}

/**
 * The flag definition of a key in a compiled datafile, or undefined.
 *
 * @example
 * getFlag(compiled, 'checkout-redesign')?.variations.map((v) => v.key);
 */
export function getFlag(compiled: CompiledDatafile, key: string): Flag | undefined {
  const state = compiled instanceof Compiled ? compiled : null;
  if (state === null || state.quarantinedFlags.has(key)) return undefined;
  return state.flags.source(key);
}

/**
 * The quarantine entry of a flag key (why `parseDatafile` left the flag out), or undefined when the key is a loaded
 * flag or unknown. A face uses it to answer a quarantined flag with its vendor's error instead of "not found".
 *
 * @example
 * const q = getQuarantine(compiled, 'checkout');
 * if (q !== undefined) logger.warn(`checkout is quarantined: ${q.path}: ${q.message}`);
 */
export function getQuarantine(compiled: CompiledDatafile, key: string): QuarantinedEntity | undefined {
  return compiled instanceof Compiled ? compiled.quarantinedFlags.get(key) : undefined;
}
