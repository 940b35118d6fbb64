// GrowthBook features serve JSON values, not variations: each distinct value (by content) a feature can serve — its
// default, its force values, its experiments' variations — becomes one native variation. Keys are readable: a
// string value is its own key, other scalars their text, objects and arrays `json-<n>`; a clash gets `#<n>`.
import type { JsonValue, Variation } from '@ensign/datafile-schema';
import { stableKey } from '../shared/values.js';

/** The variations of one feature, keyed by served value. */
export interface ValueVariations {
  /** The key of the variation serving `value` (added on first use). */
  keyOf(value: JsonValue): string;
  readonly list: Variation[];
}

/** Starts the variations of a feature. */
export function createValueVariations(): ValueVariations {
  const variations: Variation[] = [];
  const byContent = new Map<string, string>();
  const used = new Set<string>();
  let objects = 0;
  return {
    list: variations,
    keyOf(value) {
      const content = stableKey(value);
      const known = byContent.get(content);
      if (known !== undefined) return known;
      let base: string;
      if (typeof value === 'string') base = value.length > 0 && value.length <= 64 ? value : `string-${variations.length}`;
      else if (value === null || typeof value !== 'object') base = String(value);
      else base = `json-${objects++}`;
      let key = base;
      for (let n = 2; used.has(key); n++) key = `${base}#${n}`;
      used.add(key);
      byContent.set(content, key);
      variations.push({ key, value });
      return key;
    },
  };
}
