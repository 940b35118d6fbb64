// Summary counters (LaunchDarkly style): every evaluation is counted per flag, variation and version, so full
// events are only needed for tracked flags. Counting is a Map lookup and an increment: no allocation once a
// counter exists, no redaction. Bounded: evaluations of flags that were not found are counted together, and past
// the caps (flags per summary, counters and context kinds per flag) evaluations are counted as overflow.
import type { Clock } from '@ensign/common';
import type { JsonValue, SummaryCounter, SummaryFlag } from './events.js';
import { copyJson } from './json-size.js';

/** Counters of one flag at most (versions × variations): a flag re-versioned more often in one window overflows. */
export const MAX_COUNTERS_PER_FLAG = 100;
/** Context kinds listed per flag at most; further kinds are counted but not listed. */
export const MAX_KINDS_PER_FLAG = 32;

/** What one evaluation contributes to a summary (a `DecisionInput` is one). */
export interface SummaryInput {
  flagKey: string;
  flagVersion?: number | null;
  variationKey: string | null;
  variationIndex?: number | null;
  value: JsonValue;
  defaultValue?: JsonValue;
  /** An evaluation whose reason says `errorKind: 'FLAG_NOT_FOUND'` is counted with the unknown flags, not by key. */
  reason?: { errorKind?: string } | null;
  /** Where the summarizer may keep its record of the flag (see `DecisionInput.summarySlot`). */
  summarySlot?: { summary?: unknown } | null;
}

/** The counts of one window, ready to become a summary event. */
export interface SummarySnapshot {
  startDate: number;
  endDate: number;
  flags: SummaryFlag[];
  /** Evaluations of flag keys that were not found, whatever the key. */
  unknownFlagEvaluations: number;
  /** Evaluations not itemized because a cap was reached. */
  overflowEvaluations: number;
}

/** Counts evaluations between flushes. */
export interface Summarizer {
  /**
   * Counts one evaluation seen with a context of kind `kind` (or of each of `kinds` for a multi-kind context). `now`,
   * when given, is the time of the evaluation (it starts the window when it is the first); otherwise the clock is read.
   */
  count(input: SummaryInput, kind: string | readonly string[], now?: number): void;
  /** Whether anything was counted since the last snapshot. */
  isEmpty(): boolean;
  /** Returns the counts since the last snapshot and starts a new window. Null when nothing was counted. */
  snapshot(now: number): SummarySnapshot | null;
}

/** Options of {@link createSummarizer}. */
export interface SummarizerOptions {
  /** Distinct flags itemized per summary at most. */
  maxFlags: number;
  /** Called once per window, when the first evaluation overflows a cap. */
  onOverflow?: () => void;
}

// The counts live in records kept from one window to the next: a flag (and a counter) counted again in the next window
// takes the same path as in the first, and costs no allocation. A record knows the window it was last counted in
// (`window`); the first evaluation of a window resets it and appends it to the window's list, whose order is the
// order of first evaluations, as the summary lists them. A `Map` of the flags is kept (cleared when it holds more
// than twice `maxFlags`); the counters of a flag are a short array, scanned: a flag has a few variations per version.
interface CounterRecord {
  variationKey: string | null;
  variationIndex: number | null;
  version: number | null;
  value: JsonValue;
  count: number;
  /** The window this counter was last counted in. */
  window: number;
}

interface FlagCounts {
  flagKey: string;
  defaultValue: JsonValue;
  kinds: Set<string>;
  /** Every counter of this flag (of this window or an earlier one); at most {@link MAX_COUNTERS_PER_FLAG} are kept. */
  all: CounterRecord[];
  /** The counters of the current window, in the order they were first counted. */
  counted: CounterRecord[];
  /** The counter of the previous evaluation of this flag in this window: a flag served the same way again costs no scan. */
  last: CounterRecord | null;
  /** A kind known to be in `kinds` (or `kinds` is full): the same kind again costs no lookup. */
  lastKind: string | null;
  /** The window this flag was last counted in. */
  window: number;
  /** The generation of the summarizer's `Map` the record belongs to: a slot holding another's record is not used. */
  generation: object;
}

/**
 * Creates a {@link Summarizer}. Memory is bounded by `maxFlags` × {@link MAX_COUNTERS_PER_FLAG} counters and
 * {@link MAX_KINDS_PER_FLAG} kinds per flag, whatever the number of contexts or of unknown flag keys.
 *
 * @example
 * const summarizer = createSummarizer(systemClock, { maxFlags: 10_000 });
 * summarizer.count({ flagKey: 'f', flagVersion: 3, variationKey: 'on', variationIndex: 1, value: true, defaultValue: false }, 'user');
 * summarizer.snapshot(Date.now())?.flags[0]?.counters[0]?.count; // 1
 */
export function createSummarizer(clock: Clock, options: SummarizerOptions): Summarizer {
  const flags = new Map<string, FlagCounts>();
  const counted: FlagCounts[] = []; // the flags of the current window, in the order first counted
  let window = 1;
  // Records of an earlier `Map` (cleared when too large) or of another summarizer are not used from a slot: one object
  // per summarizer and `Map` generation, compared by identity.
  let generation = {};
  let unknown = 0;
  let overflow = 0;
  let startDate = 0;
  const overflowed = () => {
    if (overflow === 0) options.onOverflow?.();
    overflow += 1;
  };
  // The first evaluation of a flag in this window: null when the window already itemizes `maxFlags` flags.
  const open = (flagKey: string, defaultValue: JsonValue): FlagCounts | null => {
    if (counted.length >= options.maxFlags) return null;
    let flag = flags.get(flagKey);
    if (flag === undefined) {
      flag = { flagKey, defaultValue, kinds: new Set(), all: [], counted: [], last: null, lastKind: null, window: 0, generation };
      flags.set(flagKey, flag);
    }
    // The same steps for a new flag as for one counted in an earlier window: code that only later windows ran would
    // have no type feedback when `count` is compiled, and would deoptimize it.
    flag.kinds.clear();
    flag.window = window;
    // The default of the flag's first evaluation in the window, as LaunchDarkly's summary gives it (the default of
    // the first counter made).
    flag.defaultValue = defaultValue;
    // Emptied in place, not replaced: a new `[]` would start with another elements kind (another map), and the
    // compiled `count` would deoptimize on it at the first window after a snapshot.
    flag.counted.length = 0;
    flag.last = null;
    flag.lastKind = null;
    counted.push(flag);
    return flag;
  };
  // The first evaluation of a variation and version of `flag` in this window: null past the cap.
  const openCounter = (flag: FlagCounts, input: SummaryInput, version: number | null): CounterRecord | null => {
    if (flag.counted.length >= MAX_COUNTERS_PER_FLAG) return null;
    const variationKey = input.variationKey;
    let counter = findCounter(flag.all, version, variationKey);
    if (counter === null) {
      // Counters of earlier windows that were not counted again are forgotten before the array passes the cap.
      if (flag.all.length >= MAX_COUNTERS_PER_FLAG) flag.all = flag.counted.slice();
      counter = { variationKey, variationIndex: null, version, value: null, count: 0, window: 0 };
      flag.all.push(counter);
    }
    counter.variationIndex = input.variationIndex ?? null;
    counter.value = input.value;
    counter.count = 0;
    counter.window = window;
    flag.counted.push(counter);
    return counter;
  };
  // One compare, not three: `a === 0 && b === 0` would compare `b` only on the first call of a window, a compare that
  // has no type feedback once `count` is compiled (V8 allocates feedback after a function's first calls): the first
  // window after a snapshot would deoptimize `count`.
  const isEmpty = () => counted.length + unknown + overflow === 0;
  return {
    count(input, kind, now) {
      // The caller's time when it gives one: a clock read only on the first call of a window would be code without
      // type feedback, and deoptimize `count` at the start of every window after the first.
      if (isEmpty()) startDate = now ?? clock.now();
      if (input.reason?.errorKind === 'FLAG_NOT_FOUND') {
        unknown += 1;
        return;
      }
      const defaultValue = input.defaultValue === undefined ? null : input.defaultValue;
      const version = input.flagVersion ?? null;
      // The caller's slot for this flag, when it holds this summarizer's current record of the same key; else one
      // `Map` lookup by key (the record found, or opened, is then kept in the slot).
      const slot = input.summarySlot;
      let flag: FlagCounts | null = null;
      let held: FlagCounts | null | undefined;
      if (slot != null) {
        held = slot.summary as FlagCounts | null | undefined;
        if (held != null && held.generation === generation && held.flagKey === input.flagKey) flag = held;
      }
      if (flag === null) flag = flags.get(input.flagKey) ?? null;
      if (flag === null || flag.window !== window) {
        flag = open(input.flagKey, defaultValue);
        if (flag === null) return overflowed();
      }
      if (slot != null && held !== flag) slot.summary = flag;
      const kinds = flag.kinds;
      if (typeof kind === 'string') {
        // Null tested apart: `kind !== lastKind` with a null seen on its right (each window's first call) compiles to
        // the generic equality builtin, a call; between two strings it is a pointer compare.
        const lastKind = flag.lastKind;
        if (lastKind === null || kind !== lastKind) {
          if (kinds.size < MAX_KINDS_PER_FLAG) kinds.add(kind);
          flag.lastKind = kind;
        }
      } else {
        for (const k of kind) if (kinds.size < MAX_KINDS_PER_FLAG) kinds.add(k);
      }
      const variationKey = input.variationKey;
      let counter = flag.last;
      if (counter === null || counter.version !== version || counter.variationKey !== variationKey) {
        counter = findCounter(flag.counted, version, variationKey);
        if (counter === null) {
          counter = openCounter(flag, input, version);
          if (counter === null) return overflowed();
        }
        flag.last = counter;
      }
      counter.count += 1;
    },
    isEmpty,
    snapshot(now) {
      if (isEmpty()) return null;
      const out: SummaryFlag[] = [];
      for (const flag of counted) {
        // By version (in the order versions were first counted), then by variation: the order of the summary.
        const counters: SummaryCounter[] = [];
        const list = flag.counted;
        for (let i = 0; i < list.length; i += 1) {
          const first = list[i] as CounterRecord;
          if (first.window !== window) continue; // listed with an earlier counter of its version
          for (let j = i; j < list.length; j += 1) {
            const c = list[j] as CounterRecord;
            if (c.version !== first.version) continue;
            counters.push({ variationKey: c.variationKey, variationIndex: c.variationIndex, version: c.version, value: json(c.value), count: c.count, unknown: c.version === null });
            c.window = -window; // listed
            c.value = null; // keep no caller value past the window
          }
        }
        out.push({ flagKey: flag.flagKey, default: json(flag.defaultValue), contextKinds: [...flag.kinds].sort(), counters });
        flag.defaultValue = null;
      }
      const snapshot = { startDate, endDate: now, flags: out, unknownFlagEvaluations: unknown, overflowEvaluations: overflow };
      if (flags.size > 2 * options.maxFlags) {
        flags.clear();
        generation = {};
      }
      counted.length = 0; // in place (see `open`)
      window += 1;
      unknown = 0;
      overflow = 0;
      return snapshot;
    },
  };
}

/** The counter of `list` for this version and variation, or null. */
function findCounter(list: readonly CounterRecord[], version: number | null, variationKey: string | null): CounterRecord | null {
  for (let i = 0; i < list.length; i += 1) {
    const c = list[i] as CounterRecord;
    if (c.version === version && c.variationKey === variationKey) return c;
  }
  return null;
}

// Values are kept by reference while counting (no copy on the hot path) and copied as JSON into the snapshot; a
// value that is not JSON is sent as null rather than spoiling the whole summary.
function json(value: JsonValue): JsonValue {
  try {
    return (copyJson(value) ?? null) as JsonValue;
  } catch {
    return null;
  }
}
