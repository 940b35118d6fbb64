// Evaluates compiled condition trees with three-valued logic (true, false, null = unknown), as Optimizely does:
// `and` is false on any false, else null on any null; `or` is true on any true, else null on any null; `not` keeps
// null. Leaves of LaunchDarkly, Amplitude and Ensign semantics never give null, so for them this is plain logic.
import type { Context } from '@ensign/context';
import { NODE, type AttributeLeaf, type ConditionNode } from '../compile/compiled-types.js';
import { individualOf, keyOf, kindsOf, readPath } from '../context/context-access.js';
import type { EvalState } from '../evaluate/eval-state.js';
import { MAX_DEPTH } from '../evaluate/eval-state.js';
import type { Tri } from './matcher.js';
import { evalMongoCondition } from './mongo.js';
import { segmentMatches } from './segment-match.js';
import { traceLeaf } from './trace-conditions.js';

const hasOwn = Object.prototype.hasOwnProperty;
const EMPTY_ATTRIBUTES: Readonly<Record<string, unknown>> = Object.freeze({});


/** The value a leaf reads from the context (see @ensign/context `getAttribute` for the rules). */
export function readLeafValue(context: Context, leaf: AttributeLeaf): unknown {
  const path = leaf.path;
  if (path.special === 'kind') return kindsOf(context);
  const individual = individualOf(context, leaf.contextKind);
  if (individual === undefined) return undefined;
  const components = path.components;
  if (components.length === 1) {
    const name = components[0] as string;
    if (hasOwn.call(individual, name)) return individual[name];
    // LaunchDarkly reads a missing `anonymous` as false.
    return path.special === 'anonymous' && (leaf.semantics === 'launchdarkly' || leaf.semantics === 'ensign') ? false : undefined;
  }
  return readPath(individual, components, path.indexArrays === true);
}

/**
 * Whether the context is in cohort `id`: the `cohorts` port says so, or the kind's `cohort_ids` lists it. The list is
 * read as Amplitude's set operators read it: an array (an entry that is not text compared as its text), or the JSON
 * text of one. Null when `cohort_ids` is there but is neither (a plain text, a number, an object): it cannot be read,
 * and Amplitude's condition then does not match, negated or not.
 */
function cohortMember(state: EvalState, id: string, explicitKind: string | null): boolean | null {
  const kind = explicitKind ?? state.compiled.cohorts.get(id)?.contextKind ?? 'user';
  const key = keyOf(state.context, kind);
  if (key === undefined) return false;
  const port = state.options.cohorts;
  if (port !== undefined && port !== null) {
    try {
      if (port.isMember(id, kind, key) === true) return true;
    } catch {
      // A failing port counts as "not a member"; the context's own cohort_ids may still say otherwise.
    }
  }
  const individual = individualOf(state.context, kind);
  const given = individual !== undefined && hasOwn.call(individual, 'cohort_ids') ? individual['cohort_ids'] : undefined;
  if (given === undefined || given === null) return false;
  const ids = cohortList(given);
  if (ids === null) return null;
  for (const entry of ids) if (entry === id || (typeof entry === 'number' || typeof entry === 'boolean' ? String(entry) === id : false)) return true;
  return false;
}

/** `cohort_ids` as a list: the array itself, or the array a JSON text starting with `[` holds; otherwise null. */
function cohortList(given: unknown): readonly unknown[] | null {
  if (Array.isArray(given)) return given;
  if (typeof given !== 'string' || !given.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(given);
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function anySegment(state: EvalState, keys: readonly string[]): boolean {
  for (const key of keys) {
    const segment = state.compiled.segments.get(key);
    // LaunchDarkly: a segment that is not there (or was quarantined) does not match.
    if (segment === undefined) continue;
    if (state.segmentDepth >= MAX_DEPTH) {
      state.fail('MALFORMED_FLAG', `segment ${key} nests too deeply (a cycle?)`);
      return false;
    }
    state.segmentDepth++;
    const hit = segmentMatches(state, segment);
    state.segmentDepth--;
    if (hit) return true;
  }
  return false;
}

/** Evaluates an attribute leaf: reads the value (own properties only) and applies the compiled matcher. */
function evaluateLeaf(state: EvalState, leaf: AttributeLeaf): Tri {
  // The common leaf, one plain attribute of the context's own kind, is read inline.
  const context = state.context as Record<string, unknown>;
  const name = leaf.name;
  const value = name !== null && context['kind'] === leaf.contextKind ? (hasOwn.call(context, name) ? context[name] : undefined) : readLeafValue(state.context, leaf);
  const r = leaf.match(value);
  if (state.conditions !== null) traceLeaf(state, leaf.path.raw, leaf.contextKind, leaf.op, value, r, leaf.path.components);
  return r;
}

/**
 * Evaluates a condition node for the state's context. Records problems with `state.fail` and returns false then.
 *
 * @example
 * const matched = evaluateCondition(state, rule.conditions) === true;
 */
export function evaluateCondition(state: EvalState, node: ConditionNode): Tri {
  switch (node.t) {
    case NODE.AND: {
      const children = node.children;
      let unknown = false;
      for (let i = 0; i < children.length; i++) {
        const child = children[i] as ConditionNode;
        // Attribute leaves (most children) are evaluated here, without a recursive call.
        const r = child.t === NODE.ATTRIBUTE ? evaluateLeaf(state, child) : evaluateCondition(state, child);
        if (r === false) return false;
        if (r === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case NODE.OR: {
      const children = node.children;
      let unknown = false;
      for (let i = 0; i < children.length; i++) {
        const child = children[i] as ConditionNode;
        const r = child.t === NODE.ATTRIBUTE ? evaluateLeaf(state, child) : evaluateCondition(state, child);
        if (r === true) return true;
        if (r === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case NODE.NOT: {
      const r = evaluateCondition(state, node.child);
      return r === null ? null : !r;
    }
    case NODE.ATTRIBUTE:
      return evaluateLeaf(state, node);
    case NODE.FLAG: {
      const result = state.nested(state, node.flagKey);
      const value = result === null ? undefined : node.select === 'value' ? result.value : result.variationKey;
      const r = node.match(value);
      if (state.conditions !== null) traceLeaf(state, `flag:${node.flagKey}`, undefined, node.op, value, r, null);
      return r;
    }
    case NODE.AUDIENCE: {
      const audience = state.compiled.audiences.get(node.audienceId);
      let r: Tri = null;
      if (audience !== undefined) {
        if (state.segmentDepth >= MAX_DEPTH) {
          state.fail('MALFORMED_FLAG', `audience ${node.audienceId} nests too deeply (a cycle?)`);
          return false;
        }
        state.segmentDepth++;
        r = evaluateCondition(state, audience.conditions);
        state.segmentDepth--;
      }
      if (state.conditions !== null) traceLeaf(state, `audience:${node.audienceId}`, undefined, 'audience', undefined, r, null);
      return r;
    }
    case NODE.MONGO: {
      // With `flag`, a GrowthBook parent condition: the condition reads `{ value }`, the value that flag serves.
      let subject: unknown;
      if (node.flag !== null) {
        const parent = state.nested(state, node.flag);
        subject = { value: parent === null ? null : parent.value };
      } else subject = individualOf(state.context, node.contextKind) ?? EMPTY_ATTRIBUTES;
      const r = evalMongoCondition(subject, node.condition, state.options.savedGroups ?? state.compiled.savedGroups, node.regexes);
      if (state.conditions !== null) traceLeaf(state, 'mongo', node.contextKind, 'mongo', undefined, r, null);
      return r;
    }
    case NODE.SEGMENT: {
      const r = anySegment(state, node.segmentKeys) !== node.negate;
      if (state.conditions !== null) traceLeaf(state, `segment:${node.segmentKeys.join(',')}`, undefined, 'segmentMatch', undefined, r, null);
      return r;
    }
    case NODE.QUALIFIED: {
      const segments = state.options.qualifiedSegments;
      let hit = false;
      if (Array.isArray(segments)) for (const name of node.names) if (segments.includes(name)) hit = true;
      const r = hit !== node.negate;
      if (state.conditions !== null) traceLeaf(state, 'qualifiedSegments', undefined, 'qualified', node.names.join(','), r, null);
      return r;
    }
    case NODE.COHORT: {
      let hit = false;
      let unreadable = false;
      for (const id of node.cohortIds) {
        const member = cohortMember(state, id, node.contextKind);
        if (member === true) hit = true;
        else if (member === null) unreadable = true;
      }
      // An unreadable cohort_ids matches neither way (Amplitude's set operators answer false for it, negated or not).
      const r = hit ? !node.negate : unreadable ? false : node.negate;
      if (state.conditions !== null) traceLeaf(state, 'cohort_ids', node.contextKind ?? undefined, 'inCohort', node.cohortIds.join(','), r, null);
      return r;
    }
    case NODE.CONSTANT:
      return node.value;
    default:
      state.fail('MALFORMED_FLAG', node.message);
      return false;
  }
}
