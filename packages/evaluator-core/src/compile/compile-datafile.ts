// compileDatafile: the one-time step that turns a datafile into the read-only structure every evaluation reads.
import type { Audience, Cohort, Datafile, Flag, JsonValue, Segment, Semantics } from '@ensign/datafile-schema';
import type { CompiledFlag, CompiledGroup, CompiledSegment, CompiledState, ConditionNode } from './compiled-types.js';
import { compileFlag, type FlagScope } from './compile-flag.js';
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
  /** The flag keys, in datafile order (first of duplicate keys only). */
  readonly flagKeys: readonly string[];
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
  const scope: FlagScope = { semantics, holdouts, leaves: new Map() };
  const flags = new LazyIndex<Flag, CompiledFlag>((raw) => compileFlag(raw, scope));
  const flagKeys: string[] = [];
  for (const flag of list(df.flags)) {
    if (isObject(flag) && typeof flag.key === 'string' && flag.key !== '' && flags.add(flag.key, flag)) flagKeys.push(flag.key);
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
  const revision = typeof df.revision === 'string' ? df.revision : '';
  const compiled = new Compiled(df, revision, Object.freeze(flagKeys), flags, segments, audiences, cohorts, groups, savedGroups);
  if (eager) {
    flags.compileAll();
    segments.compileAll();
  }
  return compiled;
}

const EMPTY: Datafile = Object.freeze({ schemaVersion: 1, revision: '', environment: '', flags: [] }) as Datafile;

/**
 * Compiles a datafile for evaluation. Give it a datafile that passed `parseDatafile` (@ensign/datafile-schema);
 * it still never throws: a malformed flag is kept and evaluates to an `ERROR` / `MALFORMED_FLAG` result, and a
 * value that is not a datafile at all compiles to an empty one (every flag then FLAG_NOT_FOUND).
 *
 * Holdouts, groups and audiences are compiled at once; flags and segments on first use (or at once with
 * `eager: true`). Either way each is compiled once and evaluations only read.
 *
 * @param options `eager` (default false).
 * @example
 * const compiled = compileDatafile(datafile);
 * evaluateFlag(compiled, { kind: 'user', key: 'user-42' }, 'checkout-redesign');
 */
export function compileDatafile(datafile: Datafile, options?: CompileOptions): CompiledDatafile {
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
  return state?.flags.source(key);
}
