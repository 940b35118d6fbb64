// The document: top-level fields, each list, and the duplicate-key checks. Builds the indexes the reference
// checks use (Maps and Sets, so keys like "__proto__" are plain data).
import type { Semantics } from '../types.js';
import { SEMANTICS } from '../types.js';
import type { Ctx } from './ctx.js';
import {
  checkAttribute,
  checkAudience,
  checkCohort,
  checkEvent,
  checkGroup,
  checkHoldout,
  checkIntegration,
  checkSegment,
} from './entities.js';
import { checkFlag } from './flag.js';
import { checkJson } from './json-value.js';
import type { Obj } from './read.js';
import { arr, asObject, bool, checkFields, describe, obj, oneOf, str } from './read.js';
import { DATAFILE_FIELDS, SETTINGS_FIELDS } from './fields.js';

const SEMANTICS_SET: ReadonlySet<Semantics> = new Set(SEMANTICS);

/** What the reference checks need to know about the document. */
export interface Indexes {
  flags: Map<string, Obj>;
  segments: Set<string>;
  audiences: Set<string>;
  cohorts: Set<string>;
  holdouts: Map<string, Obj>;
  groups: Map<string, Obj>;
  savedGroups: Set<string>;
  /** Dependency-graph node (`flag:k`, `segment:k`, `audience:k`, `holdout:k`) → the entity's path (`flags[3]`). */
  positions: Positions;
}

/** Node → path, built on first use (only dependency cycles need it), from the lists and their valid entries. */
export class Positions {
  private map: Map<string, string> | null = null;

  constructor(
    private readonly d: Obj,
    private readonly lists: readonly (readonly [field: string, node: string, keyField: string, byKey: ReadonlyMap<string, Obj>])[],
  ) {}

  get(node: string): string | undefined {
    return (this.map ??= this.build()).get(node);
  }

  has(node: string): boolean {
    return (this.map ??= this.build()).has(node);
  }

  private build(): Map<string, string> {
    const map = new Map<string, string>();
    for (const [field, node, keyField, byKey] of this.lists) {
      const list = this.d[field];
      if (!Array.isArray(list)) continue;
      for (let i = 0; i < list.length; i++) {
        const item: unknown = list[i];
        const key = typeof item === 'object' && item !== null ? (item as Obj)[keyField] : undefined;
        if (typeof key !== 'string' || byKey.get(key) !== item || map.has(`${node}:${key}`)) continue;
        map.set(`${node}:${key}`, `${field}[${i}]`);
      }
    }
    return map;
  }
}

type Checker = (c: Ctx, value: unknown) => string | undefined;

/** Checks one list; returns the valid items by key. Duplicate keys (and ids, if `ids`) are errors. */
function checkList(c: Ctx, d: Obj, field: string, check: Checker, what: string, ids: boolean): Map<string, Obj> {
  const byKey = new Map<string, Obj>();
  const list = arr(c, d, field, field === 'flags');
  if (list === undefined) return byKey;
  const byId = ids ? new Map<string, number>() : null;
  c.stack.push(field);
  for (let i = 0; i < list.length; i++) {
    c.stack.push(i);
    const item = list[i];
    const key = check(c, item);
    if (key !== undefined) {
      if (byKey.has(key)) c.error(`duplicate ${what} ${JSON.stringify(key)}`, what.endsWith(' id') ? 'id' : 'key');
      else byKey.set(key, item as Obj);
    }
    if (byId !== null && key !== undefined) {
      const id = (item as Obj).id;
      if (typeof id === 'string' && id !== '') {
        const first = byId.get(id);
        if (first !== undefined) c.error(`duplicate id ${JSON.stringify(id)} (also ${field}[${first}])`, 'id');
        else byId.set(id, i);
      }
    }
    c.stack.pop();
  }
  c.stack.pop();
  return byKey;
}

function checkSettings(c: Ctx, d: Obj): void {
  const s = obj(c, d, 'settings', false);
  if (s === undefined) return;
  c.stack.push('settings');
  checkFields(c, s, SETTINGS_FIELDS);
  bool(c, s, 'sendFlagDecisions', false);
  bool(c, s, 'anonymizeIp', false);
  bool(c, s, 'botFiltering', false);
  str(c, s, 'region', false);
  c.stack.pop();
}

function checkSavedGroups(c: Ctx, d: Obj): Set<string> {
  const names = new Set<string>();
  const groups = obj(c, d, 'savedGroups', false);
  if (groups === undefined) return names;
  c.stack.push('savedGroups');
  for (const id in groups) {
    const list = groups[id];
    if (list === undefined) continue;
    if (!Array.isArray(list)) c.error(`must be an array of values, got ${describe(list)}`, id);
    else if (checkJson(c, list, id)) names.add(id);
  }
  c.stack.pop();
  return names;
}

/**
 * Checks the whole document's shape and duplicates. Returns the indexes for the reference checks, or undefined
 * when the document is not a version-1 datafile at all.
 */
export function checkDatafile(c: Ctx, value: unknown): Indexes | undefined {
  const d = asObject(c, value);
  if (d === undefined) return undefined;
  const version = d.schemaVersion;
  if (typeof version === 'number' && version !== 1) {
    c.error(`unsupported schema version ${version}: this parser reads version 1`, 'schemaVersion');
    return undefined;
  }
  if (version === undefined) c.error('is required (1)', 'schemaVersion');
  else if (version !== 1) c.error(`must be the number 1, got ${typeof version === 'string' ? JSON.stringify(version) : describe(version)}`, 'schemaVersion');
  checkFields(c, d, DATAFILE_FIELDS);
  str(c, d, '$schema', false);
  str(c, d, 'revision', true);
  str(c, d, 'environment', true);
  str(c, d, 'accountId', false);
  str(c, d, 'projectId', false);
  c.defaultSemantics = oneOf(c, d, 'semantics', SEMANTICS_SET, false) ?? 'ensign';
  checkSettings(c, d);
  const flags = checkList(c, d, 'flags', checkFlag, 'flag key', true);
  const segments = checkList(c, d, 'segments', checkSegment, 'segment key', true);
  const audiences = checkList(c, d, 'audiences', checkAudience, 'audience id', false);
  const cohorts = checkList(c, d, 'cohorts', checkCohort, 'cohort id', false);
  checkList(c, d, 'events', checkEvent, 'event key', true);
  checkList(c, d, 'attributes', checkAttribute, 'attribute key', true);
  const holdouts = checkList(c, d, 'holdouts', checkHoldout, 'holdout key', true);
  const groups = checkList(c, d, 'groups', checkGroup, 'group key', true);
  checkIntegrations(c, d);
  const savedGroups = checkSavedGroups(c, d);
  return {
    flags,
    segments: new Set(segments.keys()),
    audiences: new Set(audiences.keys()),
    cohorts: new Set(cohorts.keys()),
    holdouts,
    groups,
    savedGroups,
    positions: new Positions(d, [
      ['flags', 'flag', 'key', flags],
      ['segments', 'segment', 'key', segments],
      ['audiences', 'audience', 'id', audiences],
      ['holdouts', 'holdout', 'key', holdouts],
    ]),
  };
}

/** Integrations: a repeated key is only a warning (Optimizely merges repeated `odp` entries). */
function checkIntegrations(c: Ctx, d: Obj): void {
  const list = arr(c, d, 'integrations', false);
  if (list === undefined) return;
  const seen = new Set<string>();
  c.stack.push('integrations');
  for (let i = 0; i < list.length; i++) {
    c.stack.push(i);
    const key = checkIntegration(c, list[i]);
    if (key !== undefined) {
      if (seen.has(key)) c.warn(`repeated integration key ${JSON.stringify(key)}: the first entry wins, later ones only fill its empty fields`, 'key');
      seen.add(key);
    }
    c.stack.pop();
  }
  c.stack.pop();
}
