// What `evaluateFlags` over every flag of a datafile reuses from one call to the next, built on the first such call
// and kept beside the compiled datafile: the compiled flags in datafile order (no lookup by key per flag), and a
// record of every flag key, which each call copies (one fast copy) and fills in, instead of growing an object key by
// key (which turns it into a dictionary past a dozen keys and rehashes it as it grows); and how many lean leaves they
// share, so that a call answers each distinct condition once (see compile-lean.ts).
import { stateOf, type CompiledDatafile } from '../compile/compile-datafile.js';
import type { CompiledFlag, CompiledState } from '../compile/compiled-types.js';
import type { EvaluationResult } from '../types.js';

interface AllFlags {
  /**
   * `data.flagKeys` copied into an array that is not frozen: optimized code reads a frozen array's elements through
   * an inline-cache call (about 84 instructions per element, measured with callgrind on W2), a plain one inline.
   */
  readonly keys: readonly string[];
  readonly flags: readonly (CompiledFlag | undefined)[];
  /** One null per flag, a packed array: `slice()` gives a list of every flag's length to fill in place. */
  readonly nulls: readonly null[];
  /** Every flag key in datafile order, each set to null; JSON.parse gives it fast properties and the keys' order. */
  readonly template: Readonly<Record<string, null>>;
  /** How many lean leaf slots the flags use (the size of `evaluateLean`'s `seen`). */
  readonly slots: number;
  /** Every flag has a lean form, so none reads another (no prerequisite, no flag condition): no memo is needed. */
  readonly independent: boolean;
}

function slotsOf(flags: readonly (CompiledFlag | undefined)[]): number {
  let slots = 0;
  for (const flag of flags) {
    const lean = flag?.lean;
    if (lean == null) continue;
    for (const rule of lean.rules) for (const leaf of rule.leaves) slots = Math.max(slots, leaf.slot + 1);
  }
  return slots;
}

const cache = new WeakMap<CompiledState, AllFlags>();

/** The compiled flags of `data.flagKeys`, in that order, and the record template (see the module comment). */
export function allFlags(data: CompiledState): AllFlags {
  let all = cache.get(data);
  if (all === undefined) {
    const keys = data.flagKeys;
    const record: Record<string, null> = {};
    for (const k of keys) Object.defineProperty(record, k, { value: null, enumerable: true, writable: true, configurable: true });
    const flags = keys.map((k) => data.flags.get(k));
    const independent = flags.every((f) => f !== undefined && f.lean !== null);
    all = { keys: [...keys], flags, nulls: keys.map(() => null), template: JSON.parse(JSON.stringify(record)) as Record<string, null>, slots: slotsOf(flags), independent };
    cache.set(data, all);
  }
  return all;
}

/** A fresh record holding every key of the template (values null until filled in). */
export function recordOf(all: AllFlags): Record<string, EvaluationResult> {
  return { ...all.template } as unknown as Record<string, EvaluationResult>;
}

const NO_KEYS: Readonly<Record<string, null>> = Object.freeze({});

/**
 * An object holding every flag key of the datafile (each set to null) in datafile order, with fast properties, made
 * once per compiled datafile: clone it (`{ ...template }`) and fill the copy key by key to build a record by flag
 * key, where an object grown key by key turns into a slow dictionary past a dozen keys. Do not change it. A key
 * `__proto__` is an own property.
 *
 * @example
 * const values = { ...flagKeyTemplate(compiled) } as Record<string, unknown>;
 * values['dark-mode'] = true;
 */
export function flagKeyTemplate(compiled: CompiledDatafile): Readonly<Record<string, null>> {
  const data = stateOf(compiled);
  return data === null ? NO_KEYS : allFlags(data).template;
}
