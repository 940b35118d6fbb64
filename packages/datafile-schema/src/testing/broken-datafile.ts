// A datafile with one good flag and one broken flag of each kind the quarantine knows, with what each answers: for
// tests of the parser, the evaluator and the SDK faces ("a bad flag hurts only itself").
import type { Datafile, Flag } from '../types.js';

/** What a flag of {@link brokenFlagsDatafile} answers for any context. */
export interface BrokenFlagCase {
  /** The flag key. */
  readonly key: string;
  /** What is wrong with it (or with what it depends on). */
  readonly problem: string;
  /** Whether `parseDatafile` quarantines the flag itself. */
  readonly quarantined: boolean;
  /** The evaluation's reason kind (`ERROR` with `MALFORMED_FLAG` for a quarantined flag). */
  readonly reasonKind: 'ERROR' | 'FALLTHROUGH' | 'PREREQUISITE_FAILED';
  /** PREREQUISITE_FAILED: the prerequisite named in the reason. */
  readonly prerequisiteKey?: string;
  /** The value served (`undefined`: the caller's default). */
  readonly value: boolean | undefined;
}

const VARIATIONS = [
  { key: 'off', value: false },
  { key: 'on', value: true },
];

function flag(key: string, extra: Partial<Flag> = {}): Flag {
  return { key, on: true, variations: VARIATIONS, offVariation: 'off', fallthrough: { variation: 'on' }, ...extra };
}

/**
 * The cases of {@link brokenFlagsDatafile}, one per flag.
 *
 * @example
 * for (const c of BROKEN_FLAG_CASES) expect(evaluate(c.key).reason.kind).toBe(c.reasonKind);
 */
export const BROKEN_FLAG_CASES: readonly BrokenFlagCase[] = Object.freeze([
  { key: 'good', problem: 'none', quarantined: false, reasonKind: 'FALLTHROUGH', value: true },
  { key: 'bad-variation', problem: 'offVariation names a variation the flag lacks', quarantined: true, reasonKind: 'ERROR', value: undefined },
  { key: 'bad-attribute', problem: 'a condition reads an invalid attribute reference', quarantined: true, reasonKind: 'ERROR', value: undefined },
  { key: 'cycle-a', problem: 'prerequisite cycle with cycle-b', quarantined: true, reasonKind: 'ERROR', value: undefined },
  { key: 'cycle-b', problem: 'prerequisite cycle with cycle-a', quarantined: true, reasonKind: 'ERROR', value: undefined },
  { key: 'segment-cycle', problem: 'uses a segment caught in a cycle', quarantined: true, reasonKind: 'ERROR', value: undefined },
  { key: 'empty-rollout', problem: 'a rule serves a LaunchDarkly rollout with no variations (MALFORMED_FLAG when reached, as LaunchDarkly)', quarantined: false, reasonKind: 'ERROR', value: undefined },
  { key: 'missing-prerequisite', problem: 'its prerequisite flag does not exist', quarantined: false, reasonKind: 'PREREQUISITE_FAILED', prerequisiteKey: 'no-such-flag', value: false },
  { key: 'invalid-regex', problem: 'a rule matches a pattern that does not compile (the rule never matches)', quarantined: false, reasonKind: 'FALLTHROUGH', value: true },
  { key: 'broken-prerequisite', problem: 'its prerequisite is quarantined (evaluated as missing)', quarantined: false, reasonKind: 'PREREQUISITE_FAILED', prerequisiteKey: 'bad-variation', value: false },
  { key: 'broken-segment', problem: 'a rule uses a quarantined segment (evaluated as missing: no match)', quarantined: false, reasonKind: 'FALLTHROUGH', value: true },
] as const satisfies readonly BrokenFlagCase[]);

/**
 * A datafile whose flags are {@link BROKEN_FLAG_CASES}: `good`, one broken flag of each kind (bad variation index,
 * bad attribute reference, prerequisite cycle, segment cycle), one of each kind that is not
 * quarantined (an empty LaunchDarkly rollout, missing prerequisite, invalid regex) and two that depend on quarantined entities. Rules that match
 * serve `off`, so a rule that wrongly matches shows. A new object on each call.
 *
 * @example
 * const result = parseDatafile(brokenFlagsDatafile());
 * result.ok && result.quarantined.map((q) => q.key); // ['bad-variation', 'bad-attribute', ...]
 */
export function brokenFlagsDatafile(): Datafile {
  return {
    schemaVersion: 1,
    revision: 'broken-1',
    environment: 'test',
    flags: [
      flag('good'),
      flag('bad-variation', { offVariation: 'gone' }),
      flag('bad-attribute', { rules: [{ id: 'r', conditions: { attribute: '/plan/~2', op: 'in', values: ['pro'] }, serve: { variation: 'off' } }] }),
      flag('cycle-a', { prerequisites: [{ flagKey: 'cycle-b', variation: 'on' }] }),
      flag('cycle-b', { prerequisites: [{ flagKey: 'cycle-a', variation: 'on' }] }),
      flag('segment-cycle', { rules: [{ id: 'r', conditions: { op: 'segmentMatch', values: ['loop-1'] }, serve: { variation: 'off' } }] }),
      flag('empty-rollout', { rules: [{ id: 'r', serve: { rollout: { bucketing: { hash: 'launchdarkly' }, variations: [] } } }] }),
      flag('missing-prerequisite', { prerequisites: [{ flagKey: 'no-such-flag', variation: 'on' }] }),
      flag('invalid-regex', { rules: [{ id: 'r', conditions: { attribute: 'key', op: 'matches', values: ['(unclosed'] }, serve: { variation: 'off' } }] }),
      flag('broken-prerequisite', { prerequisites: [{ flagKey: 'bad-variation', variation: 'on' }] }),
      flag('broken-segment', { rules: [{ id: 'r', conditions: { op: 'segmentMatch', values: ['broken'] }, serve: { variation: 'off' } }] }),
    ],
    segments: [
      { key: 'loop-1', rules: [{ conditions: { op: 'segmentMatch', values: ['loop-2'] } }] },
      { key: 'loop-2', rules: [{ conditions: { op: 'segmentMatch', values: ['loop-1'] } }] },
      { key: 'broken', rules: [{ conditions: { attribute: '', op: 'exists', values: [] } }] },
    ],
  };
}
