// importOptimizelyDatafile: an Optimizely Feature Experimentation datafile (v4) → a native datafile with
// `semantics: 'optimizely'` whose `optimizely` rollouts bucket every user exactly where Optimizely's SDK does.
import type { AttributeDefinition, Datafile, EventDefinition, Flag, Integration, Settings } from '@ensign/datafile-schema';
import type { ImportResult } from '../result.js';
import { readInput } from '../shared/json-input.js';
import { contentRevision } from '../shared/revision.js';
import { isRecord, list, str } from '../shared/values.js';
import { at, createDiagnostics, field, type Diagnostics } from '../shared/warnings.js';
import { convertAudiences } from './audiences.js';
import { indexExperiments } from './experiment-index.js';
import { importFlag } from './flags.js';
import { importGroups, importHoldouts } from './groups-holdouts.js';

/** Options of {@link importOptimizelyDatafile}. */
export interface OptimizelyImportOptions {
  /** The native `environment`. Default the datafile's `environmentKey`, else `production`. */
  environment?: string;
}

const VERSIONS = new Set(['2', '3', '4']);

function settingsOf(root: Record<string, unknown>): Settings {
  const s: Settings = {};
  if (typeof root['sendFlagDecisions'] === 'boolean') s.sendFlagDecisions = root['sendFlagDecisions'];
  if (typeof root['anonymizeIP'] === 'boolean') s.anonymizeIp = root['anonymizeIP'];
  if (typeof root['botFiltering'] === 'boolean') s.botFiltering = root['botFiltering'];
  if (typeof root['region'] === 'string') s.region = root['region'];
  return s;
}

/** Attributes or events by key; Optimizely keys them by key, so for a repeated key the last entry wins. */
function keyed<T extends { key: string; id?: string }>(items: unknown, path: string, d: Diagnostics, make: (x: Record<string, unknown>) => T): T[] {
  const byKey = new Map<string, T>();
  list(items).forEach((x, i) => {
    if (!isRecord(x) || typeof x['key'] !== 'string' || x['key'] === '') {
      d.warn(at(path, i), 'an entry without a key is left out');
      return;
    }
    const item = make(x);
    if (byKey.has(item.key)) d.warn(at(path, i), `key ${JSON.stringify(item.key)} repeats: the last entry is kept (as Optimizely)`);
    byKey.delete(item.key);
    byKey.set(item.key, item);
  });
  const ids = new Set<string>();
  return [...byKey.values()].filter((item) => {
    if (item.id === undefined) return true;
    if (ids.has(item.id)) {
      d.warn(path, `id ${item.id} is used by two keys: ${JSON.stringify(item.key)} keeps no id`);
      delete item.id;
    } else ids.add(item.id);
    return true;
  });
}

function integrationsOf(root: Record<string, unknown>, d: Diagnostics): Integration[] | null {
  const out: Integration[] = [];
  const items = list(root['integrations']);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (!isRecord(x) || !('key' in x)) {
      d.fail(at('integrations', i), 'an integration without a key (Optimizely refuses this datafile)');
      return null;
    }
    const key = String(x['key']);
    const host = str(x['host']);
    const publicKey = str(x['publicKey']);
    const pixelUrl = str(x['pixelUrl']);
    out.push({ key, ...(host ? { host } : {}), ...(publicKey ? { publicKey } : {}), ...(pixelUrl ? { pixelUrl } : {}) });
  }
  return out;
}

/**
 * Imports an Optimizely datafile (v4; the parsed object or its JSON text) into a native datafile that decides every
 * user as Optimizely's SDK does: feature flags with their variables, experiment rules and delivery rules ("Everyone
 * Else" last), traffic allocations in the `optimizely` hash mode, audiences (`conditions` text and
 * `typedAudiences`, `audienceConditions` trees), mutual-exclusion groups, global and local holdouts, attributes,
 * events, `sendFlagDecisions` / `anonymizeIP` / `botFiltering` / `region`, and the ODP integration. Never throws:
 * a construct that cannot be expressed exactly is a warning with its path; input that Optimizely itself would refuse
 * (not JSON, an unknown `version`, audience conditions that are not JSON) is an error result.
 *
 * @param json the datafile, as an object or JSON text.
 * @param options the native environment name.
 * @example
 * import { importOptimizelyDatafile } from '@ensign/importers/optimizely';
 * const result = importOptimizelyDatafile(await (await fetch(`https://cdn.optimizely.com/datafiles/${sdkKey}.json`)).text());
 * if (result.ok) createClient({ datafile: result.datafile }); else console.error(result.errors);
 */
export function importOptimizelyDatafile(json: unknown, options: OptimizelyImportOptions = {}): ImportResult {
  const d = createDiagnostics();
  try {
    const input = readInput(json);
    if (!input.ok) return { ok: false, errors: [{ path: '', message: input.message }], warnings: [] };
    const root = input.value;
    const version = root['version'];
    if (typeof version !== 'string' || !VERSIONS.has(version)) {
      return { ok: false, errors: [{ path: 'version', message: `unsupported datafile version ${JSON.stringify(version)} (Optimizely reads 2, 3 and 4)` }], warnings: [] };
    }
    if (version !== '4') d.warn('version', `datafile version ${version} has no feature flags: only events, attributes and audiences are imported`);
    const audiences = convertAudiences(root, d);
    const integrations = integrationsOf(root, d);
    if (audiences === null || integrations === null) return { ok: false, errors: d.errors, warnings: d.warnings };
    const audienceIds = new Set(audiences.map((a) => a.id));
    const index = indexExperiments(root);
    const randomGroups = new Set([...index.groups].filter(([, g]) => g.value['policy'] === 'random').map(([id]) => id));
    const flags: Flag[] = [];
    const flagKeys = new Set<string>();
    const flagIds = new Set<string>();
    list(root['featureFlags']).forEach((f, i) => {
      const path = at('featureFlags', i);
      if (!isRecord(f)) return d.warn(path, 'a feature flag that is not an object is left out');
      const flag = importFlag(f, path, { index, audiences: audienceIds, randomGroups, d });
      if (flag === undefined) return;
      if (flagKeys.has(flag.key)) {
        // Optimizely keys its flags by key, so the last one wins.
        d.warn(field(path, 'key'), `flag key ${JSON.stringify(flag.key)} repeats: the last one is kept (as Optimizely)`);
        const earlier = flags.findIndex((x) => x.key === flag.key);
        const [gone] = flags.splice(earlier, 1);
        if (gone?.id !== undefined) flagIds.delete(gone.id);
      }
      if (flag.id !== undefined && flagIds.has(flag.id)) {
        d.warn(field(path, 'id'), `feature id ${flag.id} is shared with an earlier flag: kept in metadata.optimizely.flagId only`);
        delete flag.id;
      }
      flagKeys.add(flag.key);
      if (flag.id !== undefined) flagIds.add(flag.id);
      flags.push(flag);
    });
    const ruleIds = new Set(flags.flatMap((f) => (f.rules ?? []).flatMap((r) => (r.id !== undefined ? [r.id] : []))));
    const holdouts = importHoldouts(root, audienceIds, d).filter((h) => {
      if (h.rules === undefined) return true;
      const known = h.rules.filter((r) => ruleIds.has(r));
      if (known.length < h.rules.length) d.warn(`holdouts["${h.key}"]`, `included rules ${h.rules.filter((r) => !ruleIds.has(r)).join(', ')} are no rule of any flag`);
      h.rules = known;
      return known.length > 0;
    });
    const groups = importGroups(index, ruleIds, d);
    const attributes = keyed<AttributeDefinition>(root['attributes'], 'attributes', d, (x) => ({ key: x['key'] as string, ...(typeof x['id'] === 'string' ? { id: x['id'] } : {}) }));
    const events = keyed<EventDefinition>(root['events'], 'events', d, (x) => ({
      key: x['key'] as string,
      ...(typeof x['id'] === 'string' ? { id: x['id'] } : {}),
      experimentIds: list(x['experimentIds']).filter((e): e is string => typeof e === 'string'),
    }));
    const revision = str(root['revision']) ?? contentRevision(typeof json === 'string' ? json : JSON.stringify(root));
    const accountId = str(root['accountId']);
    const projectId = str(root['projectId']);
    const settings = settingsOf(root);
    const datafile: Datafile = {
      schemaVersion: 1,
      revision,
      environment: options.environment ?? str(root['environmentKey']) ?? 'production',
      ...(accountId !== undefined ? { accountId } : {}),
      ...(projectId !== undefined ? { projectId } : {}),
      semantics: 'optimizely',
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
      flags,
      ...(audiences.length > 0 ? { audiences } : {}),
      ...(events.length > 0 ? { events } : {}),
      ...(attributes.length > 0 ? { attributes } : {}),
      ...(holdouts.length > 0 ? { holdouts } : {}),
      ...(groups.length > 0 ? { groups } : {}),
      ...(integrations.length > 0 ? { integrations } : {}),
    };
    return { ok: true, datafile, warnings: d.warnings };
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `unexpected input: ${e instanceof Error ? e.message : String(e)}` }], warnings: d.warnings };
  }
}
