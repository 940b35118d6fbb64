// Summary counters (LaunchDarkly style): every evaluation is counted per flag, variation and version, so full
// events are only needed for tracked flags. Counting is a Map lookup and an increment: no allocation once a
// counter exists, no redaction.
import type { Clock } from '@ensign/common';
import type { JsonValue, SummaryCounter, SummaryFlag } from './events.js';

/** What one evaluation contributes to a summary (a `DecisionInput` is one). */
export interface SummaryInput {
  flagKey: string;
  flagVersion?: number | null;
  variationKey: string | null;
  variationIndex?: number | null;
  value: JsonValue;
  defaultValue?: JsonValue;
}

/** The counts of one window, ready to become a summary event. */
export interface SummarySnapshot {
  startDate: number;
  endDate: number;
  flags: SummaryFlag[];
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

interface FlagCounts {
  defaultValue: JsonValue;
  kinds: Set<string>;
  /** By version, then by variation key: two lookups and no key string to build. */
  counters: Map<number | null, Map<string | null, SummaryCounter>>;
}

/**
 * Creates a {@link Summarizer}. Memory is bounded by the number of distinct (flag, variation, version) triples and
 * context kinds evaluated in one window: it does not grow with the number of contexts.
 *
 * @example
 * const summarizer = createSummarizer(systemClock);
 * summarizer.count({ flagKey: 'f', flagVersion: 3, variationKey: 'on', variationIndex: 1, value: true, defaultValue: false }, 'user');
 * summarizer.snapshot(Date.now())?.flags[0]?.counters[0]?.count; // 1
 */
export function createSummarizer(clock: Clock): Summarizer {
  let flags = new Map<string, FlagCounts>();
  let startDate = 0;
  return {
    count(input, kind) {
      if (flags.size === 0) startDate = clock.now();
      const defaultValue = input.defaultValue === undefined ? null : input.defaultValue;
      const version = input.flagVersion ?? null;
      let flag = flags.get(input.flagKey);
      if (flag === undefined) {
        flag = { defaultValue, kinds: new Set(), counters: new Map() };
        flags.set(input.flagKey, flag);
      } else {
        flag.defaultValue = defaultValue;
      }
      if (typeof kind === 'string') flag.kinds.add(kind);
      else for (const k of kind) flag.kinds.add(k);
      let byVariation = flag.counters.get(version);
      if (byVariation === undefined) {
        byVariation = new Map();
        flag.counters.set(version, byVariation);
      }
      const counter = byVariation.get(input.variationKey);
      if (counter !== undefined) {
        counter.count += 1;
        return;
      }
      byVariation.set(input.variationKey, {
        variationKey: input.variationKey,
        variationIndex: input.variationIndex ?? null,
        version,
        value: input.value,
        count: 1,
        unknown: version === null,
      });
    },
    isEmpty: () => flags.size === 0,
    snapshot(now) {
      if (flags.size === 0) return null;
      const out: SummaryFlag[] = [];
      for (const [flagKey, flag] of flags) {
        out.push({
          flagKey,
          default: flag.defaultValue,
          contextKinds: [...flag.kinds].sort(),
          counters: [...flag.counters.values()].flatMap((byVariation) => [...byVariation.values()]),
        });
      }
      const snapshot = { startDate, endDate: now, flags: out };
      flags = new Map();
      return snapshot;
    },
  };
}
