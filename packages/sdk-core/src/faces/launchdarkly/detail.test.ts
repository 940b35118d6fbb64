import type { EvaluationResult } from '@ensign/evaluator-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValueType } from './detail.js';
import { toDetail, valueOf } from './detail.js';

const reasonKind = fc.constantFrom('OFF', 'TARGET_MATCH', 'RULE_MATCH', 'FALLTHROUGH', 'PREREQUISITE_FAILED', 'ERROR' as const);
const value = fc.oneof(fc.boolean(), fc.integer(), fc.string({ maxLength: 4 }), fc.constant(null), fc.constant({ a: 1 }));

function result(kind: EvaluationResult['reason']['kind'], served: EvaluationResult['value'], variationIndex: number | null): EvaluationResult {
  return {
    flagKey: 'f',
    value: served,
    variationKey: variationIndex === null ? null : 'v',
    variationIndex,
    enabled: true,
    variables: {},
    ruleKey: null,
    ruleId: null,
    experimentKey: null,
    reason: kind === 'ERROR' ? { kind, errorKind: 'MALFORMED_FLAG' } : { kind },
    revision: 'r',
  };
}

describe('valueOf', () => {
  it('answers the value toDetail would carry, for any result, type and default', () => {
    fc.assert(
      fc.property(reasonKind, value, fc.option(fc.nat({ max: 3 }), { nil: null }), fc.constantFrom<ValueType>('boolean', 'number', 'string', 'json'), value, (kind, served, index, type, fallback) => {
        const r = result(kind, served, index);
        expect(valueOf(r, fallback, type)).toBe(toDetail(r, fallback, type).value);
      }),
      { numRuns: 200 },
    );
  });

  it('answers the default for a served value of another type', () => {
    expect(valueOf(result('FALLTHROUGH', 'on', 1), false, 'boolean')).toBe(false);
    expect(valueOf(result('FALLTHROUGH', true, 1), false, 'boolean')).toBe(true);
  });
});
