// Generated Optimizely users: ids (ASCII, non-ASCII, emoji, whitelisted ones) and attributes drawn across every
// operator's boundaries, with wrong types, nulls and missing attributes; some carry `$opt_bucketing_id` and ODP
// segments. Seeded, so a failure names a user that can be replayed.

/** One generated user. */
export interface OptimizelyTestUser {
  readonly id: string;
  readonly attributes: Record<string, unknown>;
  readonly segments: string[] | null;
}

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MISSING = Symbol('missing');

const VALUES: Readonly<Record<string, readonly unknown[]>> = {
  country: ['US', 'US', 'CA', 'FR', 'FR', 'us', 'DE', 1, null, MISSING],
  plan: ['pro', 'pro', 'free', 'enterprise', '', null, MISSING],
  age: [17, 17.5, 17.4999, 18, 18.0001, 30, '30', 30.0, 65, 65.5, 2 ** 53, 2 ** 53 + 2, -1, 0, null, true, MISSING],
  beta: [true, false, 'true', 1, null, MISSING],
  email: ['a@example.com', 'b@test.org', '@example', '', 42, null, MISSING],
  version: ['2', '2.0', '2.1', '2.1.0', '2.0.9', '2.1.0-beta', '3', '3.0.0', '1.9.9', '1.9.9-beta', '1.9.9-alpha', '10.0', ' 2.1', '2.1.x', 'v2', '2.0.0+build', '', 2, null, MISSING],
};

function pick<T>(rand: () => number, values: readonly T[]): T {
  return values[Math.floor(rand() * values.length)] as T;
}

function userId(rand: () => number, n: number): string {
  const r = rand();
  if (r < 0.55) return `user-${n}`;
  if (r < 0.65) return `ユーザー${n}`;
  if (r < 0.72) return `héllo-${n}`;
  if (r < 0.78) return `🚀${n}✓`;
  if (r < 0.83) return String(n * 7919);
  if (r < 0.9) return `user-${Math.floor(rand() * 12)}`;
  return `${n}-Ünïcödé-${Math.floor(rand() * 1e9)}`;
}

/** `count` users from `seed`. */
export function generateUsers(count: number, seed: number): OptimizelyTestUser[] {
  const rand = prng(seed);
  const users: OptimizelyTestUser[] = [];
  for (let n = 0; n < count; n++) {
    const attributes: Record<string, unknown> = {};
    for (const [name, values] of Object.entries(VALUES)) {
      const v = pick(rand, values);
      if (v !== MISSING) attributes[name] = v;
    }
    const b = rand();
    if (b < 0.15) attributes['$opt_bucketing_id'] = `bucket-${Math.floor(rand() * 5000)}`;
    else if (b < 0.2) attributes['$opt_bucketing_id'] = Math.floor(rand() * 5000);
    const s = rand();
    const segments = s < 0.3 ? null : s < 0.5 ? [] : s < 0.8 ? ['vip'] : ['churn-risk', 'vip'].slice(Math.floor(rand() * 2));
    users.push({ id: userId(rand, n), attributes, segments });
  }
  return users;
}
