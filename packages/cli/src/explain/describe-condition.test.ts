import type { Condition } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { describeCondition } from './describe-condition.js';

describe('describeCondition', () => {
  it('writes and/or trees with parentheses around nested groups', () => {
    const condition: Condition = {
      or: [
        { and: [{ attribute: 'country', op: 'in', values: ['US', 'CA'] }, { attribute: 'plan', op: 'in', values: ['pro'] }] },
        { not: { audience: '1001' } },
      ],
    };
    expect(describeCondition(condition)).toBe('(country in ["US", "CA"] and plan in ["pro"]) or not (audience "1001")');
  });

  it('names the context kind, negation, segments, flags and GrowthBook conditions', () => {
    expect(describeCondition({ attribute: 'tier', contextKind: 'org', op: 'in', values: ['gold'], negate: true })).toBe('org:tier not in ["gold"]');
    expect(describeCondition({ op: 'segmentMatch', values: ['beta'] })).toBe('in segment ["beta"]');
    expect(describeCondition({ flag: 'kill-switch', op: 'in', values: ['enabled'] })).toBe('flag "kill-switch" variation in ["enabled"]');
    expect(describeCondition({ mongo: { plan: { $in: ['pro'] } } })).toBe('matches {"plan":{"$in":["pro"]}}');
    expect(describeCondition({ attribute: 'email', op: 'exists', values: [] })).toBe('email exists');
  });

  it('says everyone for a rule without conditions and shortens long value lists', () => {
    expect(describeCondition(undefined)).toBe('everyone');
    const many = describeCondition({ attribute: 'key', op: 'in', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    expect(many).toBe('key in ["a", "b", "c", "d", "e", … 2 more]');
  });
});
