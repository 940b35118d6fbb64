// The summarizer as it was before its records were kept from one window to the next (a Map of flags per window, a Map
// per version and variation): the reference summarizer.test.ts compares the current one with. Test code only (not
// built or published).
import type { Clock } from '@ensign/common';
import type { JsonValue, SummaryCounter, SummaryFlag } from './events.js';
import { copyJson } from './json-size.js';
import { MAX_COUNTERS_PER_FLAG, MAX_KINDS_PER_FLAG } from './summarizer.js';
import type { Summarizer, SummarizerOptions } from './summarizer.js';

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

/** The summarizer before issue 18 (W4): the same answers, other structures. */
export function createReferenceSummarizer(clock: Clock, options: SummarizerOptions): Summarizer {
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
        // The default of the flag's first evaluation in the window (LaunchDarkly's summary).
        flag = { defaultValue, kinds: new Set(), size: 0, counters: new Map(), last: null, lastKind: null };
        flags.set(input.flagKey, flag);
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
