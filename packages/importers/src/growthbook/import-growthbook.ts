// importGrowthBook: a GrowthBook features payload (what its SDK endpoint serves and `initSync({ payload })` reads)
// → a native datafile whose GrowthBook hash modes put every user where GrowthBook's SDK does.
import type { Datafile, Flag, JsonValue, Rule } from '@ensign/datafile-schema';
import type { ImportResult } from '../result.js';
import { readInput } from '../shared/json-input.js';
import { contentRevision } from '../shared/revision.js';
import { entries, isRecord, list, str, toJson } from '../shared/values.js';
import { at, createDiagnostics, field } from '../shared/warnings.js';
import { convertRule, type RuleInputs } from './rules.js';
import { createValueVariations } from './value-variations.js';

/** Options of {@link importGrowthBook}. */
export interface GrowthBookImportOptions {
  /** The native `environment`. Default `production`. */
  environment?: string;
  /** The native `revision`. Default the payload's `dateUpdated`, else a hash of its content. */
  revision?: string;
}

function importFeature(key: string, feature: unknown, path: string, parents: Set<string>, d: ReturnType<typeof createDiagnostics>): Flag {
  const variations = createValueVariations();
  const def = isRecord(feature) ? feature : {};
  if (!isRecord(feature)) d.warn(path, 'a feature that is not an object serves null');
  const fallthrough = variations.keyOf(def['defaultValue'] === undefined ? null : toJson(def['defaultValue']));
  const inputs: RuleInputs = { featureKey: key, variations, d, parents };
  const rules: Rule[] = [];
  const ids = new Set<string>();
  list(def['rules']).forEach((r, j) => {
    const p = at(field(path, 'rules'), j);
    let id = isRecord(r) ? str(r['id']) || `rule-${j}` : `rule-${j}`;
    if (ids.has(id)) {
      d.warn(field(p, 'id'), `rule id ${JSON.stringify(id)} repeats: imported as ${JSON.stringify(`${id}#${j}`)}`);
      id = `${id}#${j}`;
    }
    const rule = convertRule(r, p, id, inputs);
    if (rule === null) return;
    ids.add(id);
    rules.push(rule);
  });
  return { key, on: true, variations: variations.list, ...(rules.length > 0 ? { rules } : {}), fallthrough: { variation: fallthrough } };
}

/**
 * Imports a GrowthBook features payload (`{ features, savedGroups? }`, the parsed object or its JSON text) into a
 * native datafile that serves every user what GrowthBook's SDK serves: force rules (with conditions, coverage,
 * ranges, hash filters), experiment rules (`hashAttribute`, `hashVersion`, `seed`, `weights`, `coverage`, `ranges`,
 * namespaces, filters, passthrough variations), Mongo-style conditions, `parentConditions` (gating and not) and
 * saved groups. Never throws: what cannot be expressed exactly is a warning with its path; a payload without
 * features, or an encrypted one, is an error result (decrypt before import).
 *
 * @param payload the payload, as an object or JSON text.
 * @param options the native environment and revision.
 * @example
 * import { importGrowthBook } from '@ensign/importers/growthbook';
 * const result = importGrowthBook(await (await fetch(`https://cdn.growthbook.io/api/features/${clientKey}`)).text());
 * if (result.ok) createClient({ datafile: result.datafile }); else console.error(result.errors);
 */
export function importGrowthBook(payload: unknown, options: GrowthBookImportOptions = {}): ImportResult {
  const d = createDiagnostics();
  try {
    const input = readInput(payload);
    if (!input.ok) return { ok: false, errors: [{ path: '', message: input.message }], warnings: [] };
    const root = input.value;
    if (root['features'] === undefined && typeof root['encryptedFeatures'] === 'string') {
      return { ok: false, errors: [{ path: 'encryptedFeatures', message: 'the payload is encrypted: decrypt it (with the SDK key\'s decryption key) before importing' }], warnings: [] };
    }
    if (!isRecord(root['features'])) return { ok: false, errors: [{ path: 'features', message: 'a GrowthBook payload needs a `features` object' }], warnings: [] };
    if (typeof root['encryptedSavedGroups'] === 'string') d.warn('encryptedSavedGroups', 'encrypted saved groups are not imported: decrypt them first');
    if (list(root['experiments']).length > 0) d.warn('experiments', 'auto experiments (visual editor, URL redirects) are not part of the datafile: left out');
    const parents = new Set<string>();
    const flags: Flag[] = entries(root['features']).map(([key, feature]) => importFeature(key, feature, field('features', key), parents, d));
    const known = new Set(flags.map((f) => f.key));
    for (const parent of parents) {
      if (known.has(parent)) continue;
      // GrowthBook reads an unknown parent feature as the value null.
      d.warn(field('features', parent), `parent feature ${JSON.stringify(parent)} is not in the payload: imported as a flag serving null (as GrowthBook reads it)`);
      flags.push({ key: parent, on: true, variations: [{ key: 'null', value: null }], fallthrough: { variation: 'null' } });
    }
    const savedGroups: Record<string, JsonValue[]> = {};
    for (const [id, members] of entries(root['savedGroups'])) {
      if (!Array.isArray(members)) {
        d.warn(field('savedGroups', id), 'a saved group must be a list: left out');
        continue;
      }
      Object.defineProperty(savedGroups, id, { value: members.map((m) => toJson(m)), enumerable: true, writable: true, configurable: true });
    }
    const revision = options.revision ?? str(root['dateUpdated']) ?? contentRevision(typeof payload === 'string' ? payload : JSON.stringify(root));
    const datafile: Datafile = {
      schemaVersion: 1,
      revision,
      environment: options.environment ?? 'production',
      flags,
      ...(Object.keys(savedGroups).length > 0 ? { savedGroups } : {}),
    };
    return { ok: true, datafile, warnings: d.warnings };
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `unexpected input: ${e instanceof Error ? e.message : String(e)}` }], warnings: d.warnings };
  }
}
