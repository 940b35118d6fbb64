// Generated Amplitude users: user ids and device ids (non-ASCII too, one of them sometimes missing), top-level
// properties and user_properties with values on both sides of each operator's boundaries (numbers as numbers and
// as strings, versions with and without patch and pre-releases, booleans in several cases, lists and JSON-array
// strings, the "(none)" sentinel, empty strings), cohort ids, and groups with group properties and cohort ids.
import { createRandom, type Random } from '../launchdarkly/random.js';

const IDS = ['user', 'Ünïcødé', '用户', 'ключ', '🦎lizard', 'a/b', 'with space', '', '(none)'];
const COUNTRIES = ['United States', 'Canada', 'germany', 'Germany', 'France', '(none)', ''];
const PLANS: unknown[] = ['pro', 'Pro', 'free', 'enterprise', '', 'PRO plan'];
const NUMBERS: unknown[] = [17, 18, '18', 18.5, '18.0', 21, '21', -1, 0, '', 'abc', '1e3', 1000, true, null];
const VERSIONS: unknown[] = ['1.2.3', '1.2', '1', '1.10.0', '1.2.3-beta', '1.2.3-alpha', '2.0.0', 'v1.2.3', '1.2.3.4', 'abc', 3, '0.9'];
const BOOLEANS: unknown[] = [true, false, 'true', 'TRUE', 'False', 'yes', 1];
const TAGS: unknown[] = [['a', 'b'], ['b'], ['A'], [], ['a', '', 'c'], '["a","c"]', '[', 'a', [1, 2], ['(none)']];
const EMAILS: unknown[] = ['ann@example.com', 'BOB@EXAMPLE.COM', 'carol@test.org', 'x', ''];

function maybe(r: Random, value: () => unknown, missing = 0.15): unknown {
  const x = r.next();
  if (x < missing) return undefined;
  if (x < missing + 0.03) return null;
  return value();
}

function put(target: Record<string, unknown>, name: string, value: unknown): void {
  if (value !== undefined) target[name] = value;
}

/** Cohort ids the configurations filter on. */
export const COHORTS = ['cohort-a', 'cohort-b', 'cohort-c'];
/** Group names of the `org` group type. */
export const ORGS = ['acme', 'globex', 'initech', 'Ümlaut GmbH', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell', '株式会社', 'cyberdyne', 'soylent'];

/**
 * `count` users from `seed`. Every user has a user id or a device id (the Ensign client needs one of them to make a
 * context); about a third have an `org` group.
 */
export function generateUsers(count: number, seed: number): Record<string, unknown>[] {
  const r = createRandom(seed);
  const users: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    const u: Record<string, unknown> = {};
    const x = r.next();
    if (x < 0.8) u['user_id'] = `${r.pick(IDS)}-${n}`;
    if (x > 0.5 || u['user_id'] === undefined) u['device_id'] = `${r.pick(IDS)}-device-${n % 997}`;
    put(u, 'country', maybe(r, () => r.pick(COUNTRIES)));
    put(u, 'platform', maybe(r, () => r.pick(['iOS', 'Android', 'Web'])));
    put(u, 'version', maybe(r, () => r.pick(VERSIONS)));
    put(u, 'language', maybe(r, () => r.pick(['en', 'de', 'fr-CA'])));
    const p: Record<string, unknown> = {};
    put(p, 'plan', maybe(r, () => r.pick(PLANS)));
    put(p, 'age', maybe(r, () => r.pick(NUMBERS)));
    put(p, 'app_version', maybe(r, () => r.pick(VERSIONS)));
    put(p, 'beta', maybe(r, () => r.pick(BOOLEANS)));
    put(p, 'tags', maybe(r, () => r.pick(TAGS)));
    put(p, 'email', maybe(r, () => r.pick(EMAILS)));
    put(p, 'team', maybe(r, () => r.pick(['red', 'blue', 7, 3.5, '', { a: 1 }])));
    put(p, 'address', maybe(r, () => ({ city: r.pick(['Berlin', 'Zürich', 'Paris']) })));
    if (Object.keys(p).length > 0 || r.chance(0.5)) u['user_properties'] = p;
    put(u, 'cohort_ids', maybe(r, () => COHORTS.filter(() => r.chance(0.4)), 0.3));
    if (r.chance(0.35)) {
      const org = r.pick(ORGS);
      // Amplitude reads the first group name of a type only.
      u['groups'] = { org: r.chance(0.2) ? [org, r.pick(ORGS)] : [org] };
      if (r.chance(0.7)) u['group_properties'] = { org: { [org]: { tier: r.pick(['gold', 'silver', 'bronze']), seats: r.pick([5, '50', 51, 500]) } } };
      if (r.chance(0.5)) u['group_cohort_ids'] = { org: { [org]: COHORTS.filter(() => r.chance(0.5)) } };
    }
    users.push(u);
  }
  return users;
}

/**
 * The user as Amplitude's local client enriches it before it evaluates (`enrichUserWithCohorts`), without cohort sync:
 * when the flags' cohort filters name `User` cohorts and the user has a `user_id`, its `cohort_ids` become the synced
 * ones (none); for each group type they name, `group_cohort_ids[type][first name]` too. (Checked against the SDK
 * itself in node-server-sdk.test.ts.) Returns a copy.
 */
export function enrichedWithoutCohortSync(user: Record<string, unknown>, flags: readonly { segments?: readonly { conditions?: readonly (readonly { selector: readonly string[]; op: string }[])[] }[] }[]): Record<string, unknown> {
  const types = new Set<string>();
  for (const flag of flags) {
    for (const segment of flag.segments ?? []) {
      for (const all of segment.conditions ?? []) {
        for (const c of all) {
          const s = c.selector;
          if ((c.op !== 'set contains any' && c.op !== 'set does not contain any') || s.length <= 2 || s[s.length - 1] !== 'cohort_ids') continue;
          if (s[1] === 'user') types.add('User');
          else if (s.includes('groups')) types.add(s[2] as string);
        }
      }
    }
  }
  const out = { ...user };
  if (out['user_id'] && types.has('User')) out['cohort_ids'] = [];
  const groups = out['groups'] as Record<string, unknown> | undefined;
  for (const type of Object.keys(groups ?? {})) {
    const names = (groups as Record<string, unknown>)[type] as string[];
    if (names.length === 0 || !types.has(type)) continue;
    const byType = { ...((out['group_cohort_ids'] as Record<string, Record<string, unknown>> | undefined) ?? {}) };
    byType[type] = { ...(byType[type] ?? {}), [names[0] as string]: [] };
    out['group_cohort_ids'] = byType;
  }
  return out;
}

/** The evaluation context Amplitude's local client makes of a user: the user without group fields, and groups. */
export function evaluationContext(user: Record<string, unknown>): Record<string, unknown> {
  const { groups, group_properties: properties, group_cohort_ids: cohorts, ...rest } = user as Record<string, Record<string, Record<string, unknown>>>;
  const context: Record<string, unknown> = { user: rest };
  const out: Record<string, Record<string, unknown>> = {};
  for (const type of Object.keys(groups ?? {})) {
    const names = (groups as Record<string, unknown>)[type];
    const name = Array.isArray(names) ? names[0] : undefined;
    if (typeof name !== 'string' || name === '') continue;
    const group: Record<string, unknown> = { group_name: name };
    const props = properties?.[type]?.[name];
    if (props && typeof props === 'object' && Object.keys(props).length > 0) group['group_properties'] = props;
    const ids = cohorts?.[type]?.[name];
    if (Array.isArray(ids) && ids.length > 0) group['cohort_ids'] = ids;
    out[type] = group;
  }
  if (Object.keys(out).length > 0) context['groups'] = out;
  return context;
}
