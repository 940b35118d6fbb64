// Scopes each validation error to the entity it sits in (by its path), and builds the loadable datafile without the
// quarantined entities. Errors outside every entity (`schemaVersion`, `revision`, `flags` itself not a list, ...)
// make the document unreadable as a whole.
import type { Datafile } from '../types.js';
import type { DatafileIssue } from '../issues.js';
import type { EntityKind, Placement, QuarantinedEntity, Seal } from '../quarantine.js';
import type { Reference } from './ctx.js';

/** The datafile's entity lists: field, entity kind, and the field holding the entity's key. */
export const ENTITY_LISTS: readonly (readonly [field: string, kind: EntityKind, keyField: string])[] = [
  ['flags', 'flag', 'key'],
  ['segments', 'segment', 'key'],
  ['audiences', 'audience', 'id'],
  ['cohorts', 'cohort', 'id'],
  ['events', 'event', 'key'],
  ['attributes', 'attribute', 'key'],
  ['holdouts', 'holdout', 'key'],
  ['groups', 'group', 'key'],
  ['integrations', 'integration', 'key'],
];

const LIST_PATH = /^(flags|segments|audiences|cohorts|events|attributes|holdouts|groups|integrations)\[(\d+)\]/;
const SAVED_GROUP_PATH = /^savedGroups(?:\.([A-Za-z_$][A-Za-z0-9_$]*)|\[("(?:[^"\\]|\\.)*")\])/;
const FIELD_ORDER = new Map<string, number>(ENTITY_LISTS.map(([field], i) => [field, i]));

interface Scoped {
  readonly field: string;
  readonly index: number;
  readonly name: string;
}

/** The entity a path lies in, or null for the document itself. */
function scopeOf(path: string): Scoped | null {
  const list = LIST_PATH.exec(path);
  if (list !== null) return { field: list[1] as string, index: Number(list[2]), name: '' };
  const group = SAVED_GROUP_PATH.exec(path);
  if (group !== null) return { field: 'savedGroups', index: -1, name: group[1] ?? (JSON.parse(group[2] as string) as string) };
  return null;
}

function keyOf(d: Record<string, unknown>, s: Scoped, keyField: string): string {
  if (s.field === 'savedGroups') return s.name;
  const list = d[s.field];
  const item: unknown = Array.isArray(list) ? list[s.index] : undefined;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return '';
  const key = (item as Record<string, unknown>)[keyField];
  return typeof key === 'string' ? key : '';
}

/** The outcome of scoping: errors of the document, and the quarantined entities with where each sat. */
export interface Scoping {
  readonly documentIssues: DatafileIssue[];
  readonly seal: Seal;
}

/**
 * Splits `errors` into document issues and quarantined entities (in list order, then index order; one entry per
 * entity with all its issues).
 */
export function scopeErrors(value: unknown, errors: readonly DatafileIssue[]): Scoping {
  const documentIssues: DatafileIssue[] = [];
  const byEntity = new Map<string, { scoped: Scoped; issues: DatafileIssue[] }>();
  for (const issue of errors) {
    const scoped = scopeOf(issue.path);
    if (scoped === null) {
      documentIssues.push(issue);
      continue;
    }
    const id = scoped.field === 'savedGroups' ? `savedGroups:${scoped.name}` : `${scoped.field}[${scoped.index}]`;
    const known = byEntity.get(id);
    if (known === undefined) byEntity.set(id, { scoped, issues: [issue] });
    else known.issues.push(issue);
  }
  const d = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const entries = [...byEntity.values()].sort((a, b) => {
    const fa = FIELD_ORDER.get(a.scoped.field) ?? ENTITY_LISTS.length;
    const fb = FIELD_ORDER.get(b.scoped.field) ?? ENTITY_LISTS.length;
    return fa !== fb ? fa - fb : a.scoped.index - b.scoped.index;
  });
  const quarantined: QuarantinedEntity[] = [];
  const placements: Placement[] = [];
  const lengths: Record<string, number> = {};
  for (const { scoped, issues } of entries) {
    const list = ENTITY_LISTS.find(([field]) => field === scoped.field);
    const first = issues[0] as DatafileIssue;
    quarantined.push(
      Object.freeze({
        kind: list === undefined ? 'savedGroup' : list[1],
        key: keyOf(d, scoped, list === undefined ? '' : list[2]),
        path: first.path,
        message: first.message,
        issues: Object.freeze(issues),
      }),
    );
    placements.push({ field: scoped.field, index: scoped.index });
    const original = d[scoped.field];
    if (Array.isArray(original)) lengths[scoped.field] = original.length;
  }
  return { documentIssues, seal: Object.freeze({ quarantined: Object.freeze(quarantined), placements: Object.freeze(placements), lengths: Object.freeze(lengths) }) };
}

/** The document without the quarantined entities: the same object when nothing is quarantined, else a shallow copy. */
export function withoutQuarantined(value: Datafile, s: Seal): Datafile {
  if (s.placements.length === 0) return value;
  const out: Record<string, unknown> = { ...(value as unknown as Record<string, unknown>) };
  const dropped = new Map<string, Set<number>>();
  const droppedGroups = new Set<string>();
  s.placements.forEach((p, i) => {
    if (p.field === 'savedGroups') droppedGroups.add((s.quarantined[i] as QuarantinedEntity).key);
    else {
      let set = dropped.get(p.field);
      if (set === undefined) dropped.set(p.field, (set = new Set()));
      set.add(p.index);
    }
  });
  for (const [field, indexes] of dropped) {
    const list = out[field];
    if (Array.isArray(list)) out[field] = list.filter((_, i) => !indexes.has(i));
  }
  if (droppedGroups.size > 0 && typeof out['savedGroups'] === 'object' && out['savedGroups'] !== null) {
    // fromEntries defines properties, so a "__proto__" group name stays plain data.
    out['savedGroups'] = Object.fromEntries(Object.entries(out['savedGroups'] as object).filter(([k]) => !droppedGroups.has(k)));
  }
  return out as unknown as Datafile;
}

const REFERABLE: ReadonlySet<Reference['kind']> = new Set(['flag', 'segment', 'audience', 'holdout', 'group']);

/**
 * Warnings for references from a loaded entity to a quarantined one: the reference is evaluated as if the target
 * were missing (a prerequisite fails, a segment does not match, ...).
 */
export function quarantinedReferences(refs: readonly Reference[], s: Seal, loaded: Datafile, warn: (path: string, message: string) => void): void {
  if (s.quarantined.length === 0) return;
  const good = new Set<string>();
  const d = loaded as unknown as Record<string, unknown>;
  for (const [field, kind, keyField] of ENTITY_LISTS) {
    const list = d[field];
    if (Array.isArray(list)) for (const item of list) good.add(`${kind}:${String((item as Record<string, unknown>)[keyField])}`);
  }
  const out = new Set<string>();
  for (const q of s.quarantined) if (!good.has(`${q.kind}:${q.key}`)) out.add(`${q.kind}:${q.key}`);
  for (const r of refs) {
    if (!REFERABLE.has(r.kind) || r.reverse === true || !out.has(`${r.kind}:${r.key}`)) continue;
    const owner = scopeOf(r.path);
    if (owner !== null && s.placements.some((p) => p.field === owner.field && p.index === owner.index)) continue;
    warn(r.path, `${r.kind} ${JSON.stringify(r.key)} is quarantined; this reference is evaluated as if it were missing`);
  }
}
