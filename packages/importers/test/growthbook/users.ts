// Generated GrowthBook users: hash attributes of every kind (ASCII, non-ASCII and emoji strings, numbers, empty,
// missing) and attributes across each operator's boundaries (numbers and numeric strings, versions with
// pre-releases and build metadata, arrays, nested objects for dot paths, saved-group members). Seeded.

const MISSING = Symbol('missing');

const VALUES: Readonly<Record<string, readonly unknown[]>> = {
  company: ['acme', 'globex', 'initech', 'ユニコード社', '', 42, 0, false, true, MISSING, MISSING],
  deviceId: ['d-1', 'd-2', 'device-ü', '🚀', '', MISSING],
  country: ['US', 'US', 'CA', 'FR', 'DE', 'us', 1, null, MISSING],
  plan: ['pro', 'pro', 'free', 'enterprise', MISSING],
  age: [17, 18, 18.5, 30, 40, 64, 64.9, 65, 70, 71, '30', '18', -1, null, MISSING],
  beta: [true, false, 'true', 1, MISSING],
  email: ['a@example.com', 'b@example.com.au', 'c@EXAMPLE.COM', '', 5, MISSING],
  tags: [['vip'], ['a', 'b'], ['a', 'b', 'c'], ['b', 'a', 'vip'], ['beta'], [], 'beta', 'vip', MISSING],
  version: ['2.1.1', '2.1.0', '2.0.0', 'v2.0.0', '2.0.0+build', '1.9.9-beta', '1.9.9', '1.9.9-alpha', '10.0.0', '2.1', '', 2, MISSING],
  address: [{ city: 'Paris' }, { city: 'PARMA' }, { city: 'Lyon' }, { town: 'Paris' }, 'Paris', MISSING],
  num: [7, 8, 13, '7', MISSING],
};

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idOf(rand: () => number, n: number): unknown {
  const r = rand();
  if (r < 0.5) return `user-${n}`;
  if (r < 0.6) return `ユーザー${n}`;
  if (r < 0.66) return `🚀${n}é`;
  if (r < 0.72) return n + 1;
  if (r < 0.76) return `u-${1 + Math.floor(rand() * 4)}`;
  if (r < 0.8) return '';
  if (r < 0.85) return MISSING;
  return `${Math.floor(rand() * 1e12).toString(36)}-Ω`;
}

/** `count` users' attributes from `seed`. */
export function generateAttributes(count: number, seed: number): Record<string, unknown>[] {
  const rand = prng(seed);
  const users: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    const attributes: Record<string, unknown> = {};
    const id = idOf(rand, n);
    if (id !== MISSING) attributes['id'] = id;
    for (const [name, values] of Object.entries(VALUES)) {
      const v = values[Math.floor(rand() * values.length)];
      if (v !== MISSING) attributes[name] = v;
    }
    users.push(attributes);
  }
  return users;
}
