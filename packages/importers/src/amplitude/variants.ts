// Amplitude variants → native variations. Amplitude serves `flag.variants[name]` and reports that object's own
// `key`, which may differ from the name it is stored under: the variation takes the reported key (so decisions and
// other flags' `result.<flag>.key` conditions see what Amplitude's do), and the segments' references by name are
// renamed to it. A reported key another variant already uses cannot be a second variation key: that variant keeps
// its name, with a warning.
import type { JsonObject, JsonValue, Rule, Variation } from '@ensign/datafile-schema';
import type { AmplitudeFlag } from './amplitude-types.js';
import { isRecord, type Collector } from './collector.js';

/** The variations of a flag and the variation key of each variant name (only those that differ are listed). */
export interface ConvertedVariants {
  readonly variations: Variation[];
  readonly renamed: ReadonlyMap<string, string>;
}

function reportedKey(name: string, variant: unknown): string {
  return isRecord(variant) && typeof variant['key'] === 'string' && variant['key'] !== '' ? variant['key'] : name;
}

/**
 * Converts a flag's variants (see the file comment for their keys).
 *
 * @example
 * convertVariants({ key: 'f', variants: { on: { key: 'treatment', value: 'on' } } }, '[0]', out);
 * // { variations: [{ key: 'treatment', value: 'on' }], renamed: Map { 'on' => 'treatment' } }
 */
export function convertVariants(flag: AmplitudeFlag, path: string, out: Collector): ConvertedVariants {
  const renamed = new Map<string, string>();
  if (!isRecord(flag.variants)) {
    out.warn(`${path}.variants`, 'no variants: the flag can serve nothing');
    return { variations: [], renamed };
  }
  const variants = flag.variants as Record<string, unknown>;
  const names = Object.keys(variants);
  // Names whose variant reports them unchanged keep them first; the others take their reported key when it is free.
  const used = new Set(names.filter((name) => reportedKey(name, variants[name]) === name));
  for (const name of names) {
    const reported = reportedKey(name, variants[name]);
    if (reported === name) continue;
    if (used.has(reported)) {
      out.warn(`${path}.variants[${JSON.stringify(name)}].key`, `the variant is stored under "${name}" but its key "${reported}" is another variant's: Ensign reports "${name}" where Amplitude reports "${reported}"`);
      used.add(name);
    } else {
      renamed.set(name, reported);
      used.add(reported);
    }
  }
  const variations = names.map((name): Variation => {
    const v = variants[name];
    const key = renamed.get(name) ?? name;
    if (!isRecord(v)) {
      out.warn(`${path}.variants[${JSON.stringify(name)}]`, 'a variant must be an object; imported without value');
      return { key, value: null };
    }
    if (v['key'] === undefined) out.warn(`${path}.variants[${JSON.stringify(name)}].key`, `the variant has no key: Amplitude reports none, Ensign reports "${name}"`);
    const variation: Variation = { key, value: v['value'] === undefined ? null : (v['value'] as JsonValue) };
    if (v['payload'] !== undefined) variation.payload = v['payload'] as JsonValue;
    if (isRecord(v['metadata'])) variation.metadata = v['metadata'] as JsonObject;
    return variation;
  });
  return { variations, renamed };
}

/** Points the rules' references to variant names (served variations, rollout slices, onMiss) at the variation keys. */
export function renameServed(rules: Rule[], renamed: ReadonlyMap<string, string>): void {
  if (renamed.size === 0) return;
  const to = (name: string): string => renamed.get(name) ?? name;
  for (const rule of rules) {
    const serve = rule.serve;
    if ('variation' in serve && typeof serve.variation === 'string') serve.variation = to(serve.variation);
    if ('rollout' in serve && serve.rollout !== undefined) {
      for (const slice of serve.rollout.variations) if (slice.variation !== null) slice.variation = to(slice.variation);
    }
    if (isRecord(rule.onMiss) && typeof rule.onMiss.variation === 'string') rule.onMiss = { variation: to(rule.onMiss.variation) };
  }
}
