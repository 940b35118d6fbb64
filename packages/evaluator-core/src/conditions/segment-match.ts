// Segment membership, as LaunchDarkly's `segmentMatchContext`: an included key matches, then an excluded key does
// not, then the rules in order (all conditions, then the rule's weight, if any, bucketed with LaunchDarkly's
// arithmetic on the segment key and salt — segments have no hash mode of their own; a context lacking the rule's
// kind buckets to 0, as the Node SDK does). A big (unbounded) segment asks the big-segment store about the key of
// its context kind under `${key}.g${generation}`; without an answer only its rules apply, and the worst store status
// seen is reported in the reason (`bigSegmentsStatus`).
import { ldBucket, ldInSegmentWeight } from '../bucketing/index.js';
import type { CompiledSegment } from '../compile/compiled-types.js';
import { individualOf, keyOf, readPath } from '../context/context-access.js';
import type { EvalState } from '../evaluate/eval-state.js';
import type { BigSegmentsStatus } from '../types.js';

const STATUS_ORDER: Readonly<Record<BigSegmentsStatus, number>> = { HEALTHY: 0, STALE: 1, STORE_ERROR: 2, NOT_CONFIGURED: 3 };

function report(state: EvalState, status: BigSegmentsStatus): void {
  const old = state.bigSegmentsStatus;
  if (old === null || STATUS_ORDER[status] > STATUS_ORDER[old]) state.bigSegmentsStatus = status;
}

/** The big-segment memberships of a context key (asked once per evaluation call), or null. */
function memberships(state: EvalState, key: string): Readonly<Record<string, boolean>> | null {
  const known = state.bigMemberships?.get(key);
  if (known !== undefined) return known;
  const store = state.options.bigSegments;
  let found: Readonly<Record<string, boolean>> | null = null;
  if (store === undefined || store === null) report(state, 'NOT_CONFIGURED');
  else {
    try {
      const m = store.getMembership(key);
      found = m !== null && typeof m === 'object' ? m : null;
      report(state, typeof store.status === 'function' && store.status() === 'STALE' ? 'STALE' : 'HEALTHY');
    } catch {
      report(state, 'STORE_ERROR');
    }
  }
  (state.bigMemberships ?? (state.bigMemberships = new Map())).set(key, found);
  return found;
}

/** A big segment's answer: true / false from the store, or undefined to go on with its rules. */
function bigSegmentAnswer(state: EvalState, segment: CompiledSegment): boolean | undefined {
  // As LaunchDarkly: a context without the segment's kind is simply not in it; only then does a missing generation
  // make the big segment "not configured".
  const key = keyOf(state.context, segment.unboundedContextKind);
  if (key === undefined) return false;
  if (segment.bigSegmentRef === null) {
    report(state, 'NOT_CONFIGURED');
    return false;
  }
  const m = memberships(state, key);
  if (m === null || !Object.prototype.hasOwnProperty.call(m, segment.bigSegmentRef)) return undefined;
  const included = m[segment.bigSegmentRef];
  return typeof included === 'boolean' ? included : undefined;
}
import { evaluateCondition } from './evaluate-condition.js';

function listed(state: EvalState, targets: CompiledSegment['included']): boolean {
  for (const t of targets) {
    const key = keyOf(state.context, t.contextKind);
    if (key !== undefined && t.keys.has(key)) return true;
  }
  return false;
}

/**
 * Tells whether the state's context is in a segment.
 *
 * @example
 * segmentMatches(state, state.compiled.segments.get('beta-testers')!);
 */
export function segmentMatches(state: EvalState, segment: CompiledSegment): boolean {
  if (segment.unbounded) {
    const answer = bigSegmentAnswer(state, segment);
    if (answer !== undefined) return answer;
  } else {
    if (listed(state, segment.included)) return true;
    if (listed(state, segment.excluded)) return false;
  }
  for (const rule of segment.rules) {
    if (rule.conditions !== null && evaluateCondition(state, rule.conditions) !== true) continue;
    if (state.error !== null) return false;
    if (rule.weight === null) return true;
    const individual = individualOf(state.context, rule.contextKind);
    const value = individual === undefined ? undefined : readPath(individual, rule.bucketBy.components);
    const bucket = ldBucket({ flagOrSegmentKey: segment.key, salt: segment.salt, value });
    if (ldInSegmentWeight(bucket, rule.weight)) return true;
  }
  return false;
}
