// Generated LaunchDarkly contexts: user, org and device kinds, multi-kind contexts, non-ASCII keys, and attribute
// values on both sides of each operator's boundaries (numbers as numbers and as strings, semvers with and without
// minor/patch, pre-releases and a leading "v", RFC 3339 dates and epoch milliseconds, strings for the regex and
// substring operators), with every attribute sometimes missing or null.
import { createRandom, type Random } from './random.js';

const KEYS = ['user', 'Ünïcødé', '用户', 'ключ', '🚀rocket', 'a.b:c', 'with space', '%25', '-', 'key/with/slash'];
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'us', 'Japan', '', 'US ', 'FR'];
const PLANS = ['pro', 'free', 'enterprise', 'Pro', 'trial'];
const NUMBERS: unknown[] = [17, 18, 18.5, 21, 65, 64.999, 0, -1, '18', '21', 'abc', true, 1e21, 99999];
const VERSIONS: unknown[] = ['1.2.3', '1.2', '1', '2.0.0', '1.10.0', '1.2.3-beta.1', '1.2.3-beta.2', '1.2.3+build', 'v1.2.3', '1.2.3.4', 'x', 3, '0.9.9', '2.0.0-rc.1', '10.0.0'];
const DATES: unknown[] = [
  '2023-01-01T00:00:00Z',
  '2024-06-15T12:30:00.123Z',
  '2024-06-15T12:30:00+02:00',
  '2022-12-31T23:59:59-05:00',
  '2024-06-15',
  'yesterday',
  1_700_000_000_000,
  1_600_000_000_000,
  1_800_000_000_000,
  1.7e12 + 0.5,
  '1700000000000',
];
const EMAILS = ['ann@example.com', 'bob@EXAMPLE.com', 'carol@test.org', 'dave@example.co.uk', 'eve+tag@example.com', 'x', 'admin@corp.example.com'];
const CITIES = ['Oakland', 'Berlin', 'Zürich', 'oakland', 'São Paulo'];
const TEAMS: unknown[] = ['red', 'blue', 7, 12345, 3.5, true, '', 'grün', null, ['red'], { a: 1 }];

function maybe<T>(r: Random, value: () => T, missing = 0.15): T | undefined | null {
  const x = r.next();
  if (x < missing) return undefined;
  if (x < missing + 0.03) return null;
  return value();
}

function setIf(target: Record<string, unknown>, name: string, value: unknown): void {
  if (value !== undefined) target[name] = value;
}

function keyOf(r: Random, n: number, prefix: string): string {
  return `${r.pick(KEYS)}-${prefix}${n}`;
}

function userAttributes(r: Random, n: number): Record<string, unknown> {
  const c: Record<string, unknown> = { kind: 'user', key: keyOf(r, n, 'u') };
  setIf(c, 'country', maybe(r, () => r.pick(COUNTRIES)));
  setIf(c, 'plan', maybe(r, () => (r.chance(0.1) ? [r.pick(PLANS), r.pick(PLANS)] : r.pick(PLANS))));
  setIf(c, 'age', maybe(r, () => r.pick(NUMBERS)));
  setIf(c, 'version', maybe(r, () => r.pick(VERSIONS)));
  setIf(c, 'signup', maybe(r, () => r.pick(DATES)));
  setIf(c, 'email', maybe(r, () => r.pick(EMAILS)));
  setIf(c, 'team', maybe(r, () => r.pick(TEAMS)));
  setIf(c, 'score', maybe(r, () => r.pick([1, 2, 2.5, 100, 'high', -3])));
  setIf(c, 'tags', maybe(r, () => [r.pick(PLANS), r.pick(COUNTRIES)].slice(0, r.int(3))));
  setIf(c, '/weird', maybe(r, () => r.pick(['w1', 'w2', 'w3', 42]), 0.3));
  setIf(c, 'address', maybe(r, () => ({ city: r.pick(CITIES), zip: r.pick(['94612', '10115', 94612]) })));
  if (r.chance(0.2)) c['anonymous'] = r.chance(0.5);
  if (r.chance(0.3)) c['name'] = r.pick(['Ann', 'Bob', 'Zoë']);
  return c;
}

function orgAttributes(r: Random, n: number): Record<string, unknown> {
  const c: Record<string, unknown> = { kind: 'org', key: r.chance(0.2) ? `org-${r.int(5)}` : keyOf(r, n, 'o') };
  setIf(c, 'tier', maybe(r, () => r.pick(['gold', 'silver', 'bronze'])));
  setIf(c, 'seats', maybe(r, () => r.pick([1, 10, 50, 51, 500, '50'])));
  setIf(c, 'region', maybe(r, () => r.pick(['emea', 'amer', 'apac'])));
  return c;
}

function deviceAttributes(r: Random, n: number): Record<string, unknown> {
  const c: Record<string, unknown> = { kind: 'device', key: keyOf(r, n, 'd') };
  setIf(c, 'os', maybe(r, () => r.pick(['ios', 'android', 'web'])));
  setIf(c, 'version', maybe(r, () => r.pick(VERSIONS)));
  return c;
}

/** The same user as a legacy (pre-contexts) user: built-in attributes at the top, the others under `custom`. */
function legacy(user: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user)) {
    if (name === 'kind') continue;
    if (['key', 'name', 'anonymous', 'country', 'email'].includes(name)) out[name] = value;
    else custom[name] = value;
  }
  return { ...out, custom };
}

/** Known keys that the configurations target individually, so targets and segment lists are exercised. */
export const TARGETED_USER_KEYS = ['user-u1', 'user-u2', 'Ünïcødé-u3', '用户-u4', 'ключ-u5', 'user-u6', 'user-u7', 'user-u8'];
/** Known org keys the configurations target. */
export const TARGETED_ORG_KEYS = ['org-0', 'org-1', 'org-2'];

/**
 * `count` contexts from `seed`: about 55% single `user`, 5% legacy users, 10% single `org`, 5% single `device`, the rest multi-kind
 * (user + org, user + device, org + device, all three). One context in eight has a targeted key.
 */
export function generateContexts(count: number, seed: number): Record<string, unknown>[] {
  const r = createRandom(seed);
  const out: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    const user = userAttributes(r, n);
    if (r.chance(0.12)) user['key'] = r.pick(TARGETED_USER_KEYS);
    const org = orgAttributes(r, n);
    if (r.chance(0.12)) org['key'] = r.pick(TARGETED_ORG_KEYS);
    const device = deviceAttributes(r, n);
    const x = r.next();
    const strip = (c: Record<string, unknown>): Record<string, unknown> => {
      const { kind: _kind, ...rest } = c;
      return rest;
    };
    if (x < 0.55) out.push(user);
    else if (x < 0.6) out.push(legacy(user));
    else if (x < 0.7) out.push(org);
    else if (x < 0.75) out.push(device);
    else if (x < 0.87) out.push({ kind: 'multi', user: strip(user), org: strip(org) });
    else if (x < 0.94) out.push({ kind: 'multi', user: strip(user), device: strip(device) });
    else if (x < 0.97) out.push({ kind: 'multi', org: strip(org), device: strip(device) });
    else out.push({ kind: 'multi', user: strip(user), org: strip(org), device: strip(device) });
  }
  return out;
}
