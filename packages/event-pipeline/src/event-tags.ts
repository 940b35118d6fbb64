// Optimizely event tags: `revenue` and `value` are lifted out of the tags as Optimizely's event_tag_utils does.
import type { JsonValue } from './events.js';

/** The numeric tags lifted from Optimizely event tags. */
export interface LiftedEventTags {
  /** `tags.revenue` as an integer (`parseInt` of a string, `Math.trunc` of a number); null when absent or not finite. */
  revenue: number | null;
  /** `tags.value` as a float (`parseFloat` of a string, a number as is); null when absent or not finite. */
  value: number | null;
}

/**
 * Lifts `revenue` (integer) and `value` (float) out of Optimizely event tags (vendor-formats 1.9). The tags
 * themselves are left untouched: Optimizely still sends them with `revenue` and `value` inside. Other types
 * (booleans, objects) give null. Never throws.
 *
 * @example
 * liftEventTags({ revenue: '4200.99', value: '3.5', category: 'shoes' }); // { revenue: 4200, value: 3.5 }
 */
export function liftEventTags(tags: Readonly<Record<string, JsonValue | undefined>> | null | undefined): LiftedEventTags {
  if (tags === null || tags === undefined || typeof tags !== 'object') return { revenue: null, value: null };
  const rawRevenue = ownValue(tags, 'revenue');
  const rawValue = ownValue(tags, 'value');
  return {
    revenue: finite(typeof rawRevenue === 'string' ? parseInt(rawRevenue, 10) : typeof rawRevenue === 'number' ? Math.trunc(rawRevenue) : null),
    value: finite(typeof rawValue === 'string' ? parseFloat(rawValue) : typeof rawValue === 'number' ? rawValue : null),
  };
}

function ownValue(tags: Readonly<Record<string, JsonValue | undefined>>, name: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(tags, name) ? tags[name] : undefined;
}

function finite(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}
