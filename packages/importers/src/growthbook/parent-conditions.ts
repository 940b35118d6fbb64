// GrowthBook `parentConditions` (prerequisites): each one evaluates its condition against `{ value }`, the value the
// parent feature serves. GrowthBook walks them in order: a failing `gate: true` one stops the whole feature (no
// value), a failing other one skips the rule. Natively a rule's `gate` is checked before its `conditions`, so gate j
// becomes "not all the non-gating parents before j pass, or j passes": exactly GrowthBook's order.
import type { Condition, JsonObject } from '@ensign/datafile-schema';
import { at, field, type Diagnostics } from '../shared/warnings.js';
import { isRecord, list, str, toJson } from '../shared/values.js';

/** The parent conditions of a rule, split as the native rule needs them. */
export interface ParentConditions {
  /** The rule's `gate`, when some parent condition gates. */
  readonly gate: Condition | undefined;
  /** Non-gating parent conditions, to AND into the rule's conditions. */
  readonly conditions: Condition[];
  /** Feature ids the conditions read. */
  readonly parents: string[];
}

/** Converts a rule's `parentConditions`. */
export function convertParentConditions(rule: Record<string, unknown>, path: string, d: Diagnostics): ParentConditions {
  const gates: Condition[] = [];
  const plain: Condition[] = [];
  const parents: string[] = [];
  list(rule['parentConditions']).forEach((pc, i) => {
    const p = at(field(path, 'parentConditions'), i);
    const id = isRecord(pc) ? str(pc['id']) : undefined;
    if (!isRecord(pc) || id === undefined) {
      d.warn(p, 'a parent condition without a feature id is left out');
      return;
    }
    const condition = toJson(pc['condition'] ?? {});
    const leaf: Condition = { mongo: (isRecord(condition) ? condition : {}) as JsonObject, flag: id };
    parents.push(id);
    if (pc['gate'] === true) gates.push(plain.length === 0 ? leaf : { or: [{ not: { and: [...plain] } }, leaf] });
    else plain.push(leaf);
  });
  const gate = gates.length === 0 ? undefined : gates.length === 1 ? gates[0] : { and: gates };
  return { gate, conditions: plain, parents };
}
