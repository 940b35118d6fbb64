// Indexes of a datafile's experiments, as Optimizely's project config builds them (project_config.ts): the
// experiments list, then each group's experiments (tagged with the group), then each rollout's delivery rules, all
// in one id map where a later entry replaces an earlier one; variable usages keyed by variation id, built over the
// same list, so a variation id shared by several rules takes the usages of the last one.
import { at, field } from '../shared/warnings.js';
import { isRecord, list, str } from '../shared/values.js';

/** An experiment or delivery rule of the datafile, with where it was found. */
export interface IndexedExperiment {
  readonly value: Record<string, unknown>;
  readonly path: string;
  /** The id of the `random` or `overlapping` group that holds it. */
  readonly groupId: string | undefined;
}

/** The datafile's experiments by id, its rollouts by id, and its variable usages by variation id. */
export interface ExperimentIndex {
  readonly experiments: ReadonlyMap<string, IndexedExperiment>;
  readonly rollouts: ReadonlyMap<string, { readonly value: Record<string, unknown>; readonly path: string }>;
  /** Variation id → (variable id → value text). */
  readonly usages: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  /** Variation id → the variation (Optimizely's global `variationIdMap`: a later rule's variation replaces an earlier one). */
  readonly variations: ReadonlyMap<string, Record<string, unknown>>;
  /** Group id → the group. */
  readonly groups: ReadonlyMap<string, { readonly value: Record<string, unknown>; readonly path: string }>;
}

/** Builds the indexes of a datafile (never throws; entries that are not objects are skipped). */
export function indexExperiments(root: Record<string, unknown>): ExperimentIndex {
  const experiments = new Map<string, IndexedExperiment>();
  const rollouts = new Map<string, { value: Record<string, unknown>; path: string }>();
  const groups = new Map<string, { value: Record<string, unknown>; path: string }>();
  const all: IndexedExperiment[] = [];
  const add = (value: unknown, path: string, groupId: string | undefined): void => {
    if (!isRecord(value)) return;
    const e = { value, path, groupId };
    all.push(e);
    const id = str(value['id']);
    if (id !== undefined) experiments.set(id, e);
  };
  list(root['experiments']).forEach((e, i) => add(e, at('experiments', i), undefined));
  list(root['groups']).forEach((g, i) => {
    if (!isRecord(g)) return;
    const id = str(g['id']);
    const path = at('groups', i);
    if (id !== undefined) groups.set(id, { value: g, path });
    list(g['experiments']).forEach((e, j) => add(e, at(field(path, 'experiments'), j), id));
  });
  list(root['rollouts']).forEach((r, i) => {
    if (!isRecord(r)) return;
    const path = at('rollouts', i);
    const id = str(r['id']);
    if (id !== undefined) rollouts.set(id, { value: r, path });
    list(r['experiments']).forEach((e, j) => add(e, at(field(path, 'experiments'), j), undefined));
  });
  const usages = new Map<string, Map<string, unknown>>();
  const variations = new Map<string, Record<string, unknown>>();
  for (const e of all) {
    for (const v of list(e.value['variations'])) {
      if (!isRecord(v)) continue;
      const vid = str(v['id']);
      if (vid !== undefined) variations.set(vid, v);
      if (vid === undefined || !Array.isArray(v['variables'])) continue;
      const byVariable = new Map<string, unknown>();
      for (const u of v['variables'] as unknown[]) if (isRecord(u) && typeof u['id'] === 'string') byVariable.set(u['id'], u['value']);
      usages.set(vid, byVariable);
    }
  }
  return { experiments, rollouts, usages, variations, groups };
}
