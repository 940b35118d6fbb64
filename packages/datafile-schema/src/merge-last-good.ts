// mergeLastGood: an update that breaks a flag keeps that flag's last good version in force.
import type { Datafile } from './types.js';
import type { Placement, QuarantinedEntity, ValidDatafile } from './quarantine.js';
import { seal, sealOf } from './quarantine.js';
import { ENTITY_LISTS } from './validate/scope.js';

/** The result of {@link mergeLastGood}. */
export interface MergeResult {
  /** `next`, with each quarantined entity that `previous` had in good shape put back in its last good version. */
  datafile: ValidDatafile;
  /** The quarantined entities of `next` whose last good version stays in force (each still broken in `next`). */
  kept: QuarantinedEntity[];
}

type Obj = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;
const KEY_FIELD = new Map<string, string>(ENTITY_LISTS.map(([field, , keyField]) => [field, keyField]));

function findByKey(list: unknown, keyField: string, key: string): Obj | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const item of list) if (typeof item === 'object' && item !== null && (item as Obj)[keyField] === key) return item as Obj;
  return undefined;
}

/**
 * Keeps the last good version of what an update broke: each entity quarantined in `next` (a flag, segment,
 * audience, holdout, group, saved group, ...) that `previous` has in good shape is put back, in its place in the
 * list, and reported in `kept`. Entities `next` removed stay removed; an entity `next` also has in good shape (a
 * quarantined duplicate key) is not replaced. Returns `next` itself when nothing is kept. Never throws.
 *
 * @param next the datafile just parsed.
 * @param previous the datafile in force (the previous result of `mergeLastGood`, or of `parseDatafile`), or null.
 * @example
 * const parsed = parseDatafile(text);
 * if (parsed.ok) {
 *   const { datafile, kept } = mergeLastGood(parsed.datafile, current);
 *   for (const q of kept) logger.warn(`${q.kind} ${q.key} is broken (${q.path}: ${q.message}); keeping its last good version`);
 *   current = datafile;
 * }
 */
export function mergeLastGood(next: ValidDatafile, previous: ValidDatafile | null): MergeResult {
  const s = sealOf(next);
  if (s === null || s.quarantined.length === 0 || previous === null || typeof previous !== 'object') return { datafile: next, kept: [] };
  const prev = previous as unknown as Obj;
  const nextObj = next as unknown as Obj;
  const replacements = new Map<number, Obj | unknown[]>(); // position in the seal → the last good version
  s.quarantined.forEach((q, i) => {
    if (q.key === '') return;
    const field = (s.placements[i] as Placement).field;
    if (field === 'savedGroups') {
      const before = prev['savedGroups'];
      const now = nextObj['savedGroups'];
      const inForce = typeof now === 'object' && now !== null && hasOwn.call(now, q.key);
      if (!inForce && typeof before === 'object' && before !== null && hasOwn.call(before, q.key)) {
        replacements.set(i, (before as Record<string, unknown[]>)[q.key] as unknown[]);
      }
      return;
    }
    const keyField = KEY_FIELD.get(field) as string;
    if (findByKey(nextObj[field], keyField, q.key) !== undefined) return;
    const good = findByKey(prev[field], keyField, q.key);
    if (good !== undefined) replacements.set(i, good);
  });
  if (replacements.size === 0) return { datafile: next, kept: [] };
  const out: Obj = { ...nextObj };
  const fields = new Set<string>();
  for (const i of replacements.keys()) fields.add((s.placements[i] as Placement).field);
  for (const field of fields) {
    if (field === 'savedGroups') {
      const groups: [string, unknown][] = Object.entries((nextObj['savedGroups'] as Obj | undefined) ?? {});
      for (const [i, list] of replacements) if ((s.placements[i] as Placement).field === field) groups.push([(s.quarantined[i] as QuarantinedEntity).key, list]);
      out['savedGroups'] = Object.fromEntries(groups);
      continue;
    }
    // Walk the original positions: loaded entities in order, each quarantined slot filled by its replacement or left out.
    const current = Array.isArray(nextObj[field]) ? (nextObj[field] as unknown[]) : [];
    const atIndex = new Map<number, number>();
    s.placements.forEach((p, i) => {
      if (p.field === field) atIndex.set(p.index, i);
    });
    const list: unknown[] = [];
    let taken = 0;
    const length = s.lengths[field] ?? current.length + atIndex.size;
    for (let index = 0; index < length; index++) {
      const q = atIndex.get(index);
      if (q === undefined) {
        if (taken < current.length) list.push(current[taken++]);
      } else if (replacements.has(q)) list.push(replacements.get(q));
    }
    while (taken < current.length) list.push(current[taken++]);
    out[field] = list;
  }
  const kept: QuarantinedEntity[] = [];
  const quarantined: QuarantinedEntity[] = [];
  const placements: Placement[] = [];
  s.quarantined.forEach((q, i) => {
    if (replacements.has(i)) kept.push(q);
    else {
      quarantined.push(q);
      placements.push(s.placements[i] as Placement);
    }
  });
  const datafile = seal(out as unknown as Datafile, Object.freeze({ quarantined: Object.freeze(quarantined), placements: Object.freeze(placements), lengths: s.lengths }));
  return { datafile, kept };
}
