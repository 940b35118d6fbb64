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
  /** Counts one evaluation seen with a context of kind `kind` (or of each of `kinds` for a multi-kind context). */
  count(input: SummaryInput, kind: string | readonly string[]): void;
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

interface FlagCounts {
  defaultValue: JsonValue;
  kinds: Set<string>;
  size: number;
  /** By version, then by variation key: two lookups and no key string to build. */
  counters: Map<number | null, Map<string | null, SummaryCounter>>;
  /** The counter of the previous evaluation of this flag: a flag served the same way again costs no lookup. */
  last: SummaryCounter | null;
  /** A kind known to be in `kinds` (or `kinds` is full): the same kind again costs no lookup. */
  lastKind: string | null;
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
  let flags = new Map<string, FlagCounts>();
  let unknown = 0;
  let overflow = 0;
  let startDate = 0;
  const overflowed = () => {
    if (overflow === 0) options.onOverflow?.();
    overflow += 1;
  };
  const isEmpty = () => flags.size === 0 && unknown === 0 && overflow === 0;
  return {
    count(input, kind) {
      if (isEmpty()) startDate = clock.now();
      if (input.reason?.errorKind === 'FLAG_NOT_FOUND') {
        unknown += 1;
        return;
      }
      const defaultValue = input.defaultValue === undefined ? null : input.defaultValue;
      const version = input.flagVersion ?? null;
      let flag = flags.get(input.flagKey);
      if (flag === undefined) {
        if (flags.size >= options.maxFlags) return overflowed();
        flag = { defaultValue, kinds: new Set(), size: 0, counters: new Map(), last: null, lastKind: null };
        flags.set(input.flagKey, flag);
      } else {
        flag.defaultValue = defaultValue;
      }
      const kinds = flag.kinds;
      if (typeof kind === 'string') {
        if (kind !== flag.lastKind) {
          if (kinds.size < MAX_KINDS_PER_FLAG) kinds.add(kind);
          flag.lastKind = kind;
        }
      } else {
        for (const k of kind) if (kinds.size < MAX_KINDS_PER_FLAG) kinds.add(k);
      }
      const variationKey = input.variationKey;
      const last = flag.last;
      if (last !== null && last.version === version && last.variationKey === variationKey) {
        last.count += 1;
        return;
      }
      let byVariation = flag.counters.get(version);
      const counter = byVariation?.get(variationKey);
      if (counter !== undefined) {
        counter.count += 1;
        flag.last = counter;
        return;
      }
      if (flag.size >= MAX_COUNTERS_PER_FLAG) return overflowed();
      if (byVariation === undefined) {
        byVariation = new Map();
        flag.counters.set(version, byVariation);
      }
      flag.size += 1;
      const created: SummaryCounter = {
        variationKey,
        variationIndex: input.variationIndex ?? null,
        version,
        value: input.value,
        count: 1,
        unknown: version === null,
      };
      byVariation.set(variationKey, created);
      flag.last = created;
    },
    isEmpty,
    snapshot(now) {
      if (isEmpty()) return null;
      const out: SummaryFlag[] = [];
      for (const [flagKey, flag] of flags) {
        const counters: SummaryCounter[] = [];
        for (const byVariation of flag.counters.values()) for (const c of byVariation.values()) counters.push({ ...c, value: json(c.value) });
        out.push({ flagKey, default: json(flag.defaultValue), contextKinds: [...flag.kinds].sort(), counters });
      }
      const snapshot = { startDate, endDate: now, flags: out, unknownFlagEvaluations: unknown, overflowEvaluations: overflow };
      flags = new Map();
      unknown = 0;
      overflow = 0;
      return snapshot;
    },
  };
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
