// The variations of one flag: the union of its rules' variations, by variation id (Optimizely's flagVariationsMap),
// so that forced decisions and user profiles reach variations that get no traffic. Native variation keys are unique
// per flag: a second variation with the same key under another id is merged into the first when it decides the
// same (same `featureEnabled`, same variable values), else it is kept as `<key>~<id>` (docs/datafile.md, left out).
import type { JsonValue, Variation } from '@ensign/datafile-schema';
import { stableKey } from '../shared/values.js';
import { field, type Diagnostics } from '../shared/warnings.js';
import { isRecord, list, str } from '../shared/values.js';
import type { ExperimentIndex } from './experiment-index.js';
import { castOverride, type FlagVariables } from './variables.js';

/** The variations of a flag being imported. */
export interface FlagVariations {
  /** Adds a rule's variation (once per id) and returns its native key, or undefined when it has no usable id/key. */
  add(variation: unknown, path: string): string | undefined;
  /** The native key of a variation id already added. */
  keyOfId(id: string): string | undefined;
  /**
   * The native key of a variation id a traffic allocation names: one of the flag's, else any variation of the
   * datafile (Optimizely resolves allocations through its global variation map), added to the flag on first use.
   */
  resolve(id: string, path: string): string | undefined;
  readonly list: Variation[];
}

function overrides(vid: string, vars: FlagVariables, index: ExperimentIndex, path: string, d: Diagnostics): Record<string, JsonValue> | undefined {
  const usage = index.usages.get(vid);
  if (usage === undefined) return undefined;
  const out: Record<string, JsonValue> = {};
  let any = false;
  for (const [variableId, raw] of usage) {
    const def = vars.byId.get(variableId);
    if (def === undefined) {
      d.warn(field(path, 'variables'), `variable id ${JSON.stringify(variableId)} is not a variable of this flag: left out`);
      continue;
    }
    Object.defineProperty(out, def.key, { value: castOverride(def, raw, field(path, 'variables'), d), enumerable: true, writable: true, configurable: true });
    any = true;
  }
  return any ? out : undefined;
}

/** Starts the variations of a flag. */
export function createFlagVariations(vars: FlagVariables, index: ExperimentIndex, d: Diagnostics): FlagVariations {
  const variations: Variation[] = [];
  const byId = new Map<string, string>();
  const byKey = new Map<string, Variation>();
  const self: FlagVariations = {
    list: variations,
    keyOfId: (id) => byId.get(id),
    resolve: (id, path) => byId.get(id) ?? (index.variations.has(id) ? self.add(index.variations.get(id), path) : undefined),
    add(given, path) {
      if (!isRecord(given)) return undefined;
      // Optimizely reads a variation by id from its global map, where the last definition of an id wins.
      const v = index.variations.get(str(given['id']) ?? '') ?? given;
      const id = str(v['id']);
      const key = str(v['key']);
      if (id === undefined || key === undefined) {
        d.warn(path, 'a variation without an id and a key is left out');
        return undefined;
      }
      const known = byId.get(id);
      if (known !== undefined) return known;
      const enabled = v['featureEnabled'] === true;
      const variables = overrides(id, vars, index, path, d);
      const variation: Variation = { key, id, value: enabled, enabled, ...(variables !== undefined ? { variables } : {}) };
      const same = byKey.get(key);
      if (same !== undefined) {
        const decidesAlike = same.enabled === enabled && stableKey(same.variables ?? null) === stableKey(variables ?? null);
        if (decidesAlike) {
          d.warn(path, `variation ${JSON.stringify(key)} (id ${id}) decides as id ${same.id ?? ''}: merged, events report id ${same.id ?? ''}`);
          byId.set(id, key);
          return key;
        }
        variation.key = `${key}~${id}`;
        d.warn(path, `variation key ${JSON.stringify(key)} is used by ids ${same.id ?? ''} and ${id}: this one is imported as ${JSON.stringify(variation.key)}`);
      }
      byId.set(id, variation.key);
      byKey.set(variation.key, variation);
      variations.push(variation);
      return variation.key;
    },
  };
  return self;
}

/** Adds every variation of a rule (experiment, delivery rule) to the flag's variations. */
export function addRuleVariations(rule: Record<string, unknown>, path: string, variations: FlagVariations): void {
  list(rule['variations']).forEach((v, i) => variations.add(v, `${field(path, 'variations')}[${i}]`));
}
