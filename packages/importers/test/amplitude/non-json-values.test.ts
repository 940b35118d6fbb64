// Users whose properties hold values that are not JSON (a `Date`, `NaN`, ±Infinity, a function, a BigInt, a symbol,
// an array holding undefined, a class instance), as request handlers pass them: Amplitude's engine evaluates such
// users, reading each value as a string (`String()` of it, JSON for an object). Ensign's Amplitude face must serve
// the same variants. (A cycle, or a BigInt inside an object, makes Amplitude's engine throw: not compared.)
import { describe, expect, it } from 'vitest';
import { createRandom } from '../launchdarkly/random.js';
import { bucketFlags } from './configs-buckets.js';
import { operatorFlags } from './configs-operators.js';
import { compare, describeMismatches } from './differential.js';
import { generateUsers } from './users.js';

class Visit {
  readonly at = 3;
}

function nonJson(n: number): unknown {
  switch (n % 11) {
    case 0: return new Date(1_700_000_000_000);
    case 1: return Number.NaN;
    case 2: return Number.POSITIVE_INFINITY;
    case 3: return Number.NEGATIVE_INFINITY;
    case 4: return () => 'pro';
    case 5: return 18n;
    case 6: return Symbol('pro');
    case 7: return ['a', undefined, 'b'];
    case 8: return new Visit();
    case 9: return { city: new Date(0), n: Number.NaN };
    default: return [new Date(0), Number.NaN];
  }
}

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
