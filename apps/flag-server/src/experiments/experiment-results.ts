import type { StoredLine } from '../events/ndjson-files.js';
import { wilsonInterval } from './wilson.js';

/** Conversions of one event key among the users exposed to one variation. */
export interface ConversionResult {
  /** Distinct exposed users who sent the event at or after their first exposure. */
  users: number;
  /** `users / exposures` (0 without exposures). */
  rate: number;
  /** 95 % Wilson score interval of the rate. */
  interval: [number, number];
}

/** One variation's row. */
export interface VariationResult {
  variationKey: string;
  /** Distinct users whose first exposure to the flag was this variation. */
  exposures: number;
  conversions: Record<string, ConversionResult>;
}

/** The answer of `GET /v1/experiments/{flagKey}/results`. */
export interface ExperimentResults {
  flagKey: string;
  environment: string;
  variations: VariationResult[];
}

/**
 * The user an event is about: the `user` context's key (of a multi-kind context too), else the key of the single
 * context, else the key of the first kind of a multi-kind context in name order; `kind:key`, so kinds never mix.
 * Null when the context has no usable key.
 *
 * @example
 * identityOf({ kind: 'multi', user: { key: 'u1' }, org: { key: 'acme' } }); // 'user:u1'
 */
export function identityOf(context: unknown): string | null {
  if (typeof context !== 'object' || context === null) return null;
  const c = context as Record<string, unknown>;
  if (c['kind'] === 'multi') {
    const kinds = Object.keys(c).filter((k) => k !== 'kind' && k !== '_meta').sort();
    const kind = kinds.includes('user') ? 'user' : kinds[0];
    const individual = kind === undefined ? undefined : c[kind];
    const key = typeof individual === 'object' && individual !== null ? (individual as Record<string, unknown>)['key'] : undefined;
    return kind !== undefined && typeof key === 'string' && key !== '' ? `${kind}:${key}` : null;
  }
  const key = c['key'];
  const kind = typeof c['kind'] === 'string' ? c['kind'] : 'user';
  return typeof key === 'string' && key !== '' ? `${kind}:${key}` : null;
}

/**
 * The variation an event exposed a user to, for this flag, or null when it is not an exposure:
 * - a `decision` event of the flag that served a variation (`variationKey` set), not as another flag's
 *   prerequisite (`prereqOf` null) and not an error;
 * - an `exposure` event (Amplitude `[Experiment] Exposure`) of the flag, its `variantKey`.
 *
 * @example
 * exposureOf({ kind: 'decision', flagKey: 'f', variationKey: 'treatment', prereqOf: null, ... }, 'f'); // 'treatment'
 */
export function exposureOf(event: Record<string, unknown>, flagKey: string): string | null {
  if (event['flagKey'] !== flagKey) return null;
  if (event['kind'] === 'decision') {
    const reason = event['reason'] as { kind?: unknown } | null | undefined;
    if (typeof event['variationKey'] !== 'string' || (event['prereqOf'] ?? null) !== null || reason?.kind === 'ERROR') return null;
    return event['variationKey'];
  }
  if (event['kind'] === 'exposure' && typeof event['variantKey'] === 'string') return event['variantKey'];
  return null;
}

/** Accumulates stored events into the results of one flag. */
export interface ResultsBuilder {
  add(line: StoredLine): void;
  /** The results; `variationOrder` lists the flag's variations from the datafile, first (rows with 0 exposures included). */
  finish(variationOrder: readonly string[]): ExperimentResults;
}

/**
 * Starts the results of an experiment on `flagKey`. A user counts in the variation of their **first** exposure (by
 * event timestamp; later exposures to another variation are ignored, as Optimizely and LaunchDarkly results do).
 * A conversion is a `conversion` event (Optimizely `trackEvent`, LaunchDarkly `track`) by the same user with a
 * timestamp at or after that first exposure; each user counts at most once per event key. Events are read once
 * per id (the store deduplicates).
 *
 * @example
 * const builder = createResultsBuilder('checkout-redesign', 'production');
 * await store.read('production', builder.add);
 * builder.finish(['control', 'treatment']);
 */
export function createResultsBuilder(flagKey: string, environment: string): ResultsBuilder {
  const firstExposure = new Map<string, { variation: string; at: number }>();
  /** Latest conversion time per user, per event key. */
  const lastConversion = new Map<string, Map<string, number>>();
  return {
    add(line) {
      const event = line.event;
      const at = typeof event['timestamp'] === 'number' ? event['timestamp'] : line.receivedAt;
      if (event.kind === 'conversion') {
        const who = identityOf(event['context']);
        const eventKey = event['eventKey'];
        if (who === null || typeof eventKey !== 'string') return;
        let byUser = lastConversion.get(eventKey);
        if (!byUser) lastConversion.set(eventKey, (byUser = new Map()));
        const previous = byUser.get(who);
        if (previous === undefined || at > previous) byUser.set(who, at);
        return;
      }
      const variation = exposureOf(event, flagKey);
      if (variation === null) return;
      const who = identityOf(event['context']);
      if (who === null) return;
      const current = firstExposure.get(who);
      if (current === undefined || at < current.at) firstExposure.set(who, { variation, at });
    },
    finish(variationOrder) {
      const rows = new Map<string, VariationResult>();
      for (const key of variationOrder) rows.set(key, { variationKey: key, exposures: 0, conversions: {} });
      const converted = new Map<string, Map<string, number>>(); // variation -> eventKey -> users
      for (const { variation } of firstExposure.values()) {
        let row = rows.get(variation);
        if (!row) rows.set(variation, (row = { variationKey: variation, exposures: 0, conversions: {} }));
        row.exposures++;
      }
      const eventKeys = new Set<string>();
      for (const [eventKey, byUser] of lastConversion) {
        for (const [who, at] of byUser) {
          const exposure = firstExposure.get(who);
          if (!exposure || at < exposure.at) continue;
          eventKeys.add(eventKey);
          let counts = converted.get(exposure.variation);
          if (!counts) converted.set(exposure.variation, (counts = new Map()));
          counts.set(eventKey, (counts.get(eventKey) ?? 0) + 1);
        }
      }
      const keys = [...eventKeys].sort();
      for (const row of rows.values()) {
        for (const eventKey of keys) {
          const users = converted.get(row.variationKey)?.get(eventKey) ?? 0;
          const result: ConversionResult = { users, rate: row.exposures === 0 ? 0 : users / row.exposures, interval: wilsonInterval(users, row.exposures) };
          Object.defineProperty(row.conversions, eventKey, { value: result, enumerable: true, writable: true, configurable: true });
        }
      }
      return { flagKey, environment, variations: [...rows.values()] };
    },
  };
}
