// Users whose properties hold values that are not JSON (a `Date`, `NaN`, ±Infinity, a function, a BigInt, a symbol,
// an array holding undefined, a class instance), as request handlers pass them: Amplitude's engine evaluates such
// users, reading each value as a string (`String()` of it, JSON for an object). Ensign's Amplitude face must serve
// the same variants. (A cycle, or a BigInt inside an object, makes Amplitude's engine throw: not compared.)
import { describe, expect, it } from 'vitest';
import { createRandom } from '../launchdarkly/random.js';
import { nonJsonValues } from '../non-json.js';
import { bucketFlags } from './configs-buckets.js';
import { operatorFlags } from './configs-operators.js';
import { compare, describeMismatches } from './differential.js';
import { generateUsers } from './users.js';

// A cycle, or a BigInt inside an object, makes Amplitude's engine throw: left out.
const nonJson = nonJsonValues(['date', 'nan', 'infinity', 'negativeInfinity', 'function', 'bigint', 'symbol', 'arrayWithUndefined', 'instance', 'nested', 'arrayWithHole']);

const NAMES = ['plan', 'age', 'app_version', 'beta', 'tags', 'email', 'team', 'address', 'extra'];
const TOP = ['country', 'platform', 'version', 'language'];

/** `count` generated users, each with one to three properties (top-level or under user_properties) replaced. */
function usersWithNonJsonValues(count: number, seed: number): Record<string, unknown>[] {
  const r = createRandom(seed);
  return generateUsers(count, seed).map((user, n) => {
    const times = 1 + r.int(3);
    for (let i = 0; i < times; i++) {
      if (r.chance(0.3)) user[r.pick(TOP)] = nonJson(n + i * 4);
      else {
        const properties = (user['user_properties'] ??= {}) as Record<string, unknown>;
        properties[r.pick(NAMES)] = nonJson(n + i * 4);
      }
    }
    return user;
  });
}

describe('users holding values that are not JSON, against @amplitude/experiment-core', () => {
  for (const [name, flags, seed] of [['operator', operatorFlags(), 51], ['bucketing', bucketFlags(), 52]] as const) {
    it(`gives 1 500 users the same variants for every ${name} flag`, async () => {
      const users = usersWithNonJsonValues(1_500, seed);
      const { mismatches, seen } = await compare(flags, users);
      expect(describeMismatches(flags, mismatches)).toBe('');
      // Variants are served: the users are evaluated.
      expect([...seen.keys()].some((label) => !label.endsWith(':-') && !label.endsWith(':off'))).toBe(true);
    }, 120_000);
  }
});
