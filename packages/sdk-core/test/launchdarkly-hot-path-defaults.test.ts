// The LaunchDarkly face's quiet path takes the options of a `false` default from the face (held once) and others from
// the core, calls a callback only when one is given, and logs an unknown flag on the quiet and the core path alike:
// the same answers as through the core (events on, or a `decision` listener), for every default and variation call.
import { describe, expect, it } from 'vitest';
import { exampleDatafile } from './client.js';
import { linesAt, makeClient } from './helpers.js';

const KEYS = [...exampleDatafile.flags.map((f) => f.key), 'no-such-flag'];
const USERS = [
  { kind: 'user', key: 'user-beta-1', country: 'US', plan: 'pro', beta: true, age: 31 },
  { kind: 'user', key: 'user-2', country: 'FR', plan: 'free' },
  { kind: 'user', key: 'user-3', name: 'Ada', anonymous: true },
];
const DEFAULTS = [false, true, null, 'd', 0, { nested: ['x'] }];

describe('the quiet variation path, by default value', () => {
  it('answers as through the core for every default, variation call and user', () => {
    const quiet = makeClient({ events: false }).client;
    const loud = makeClient().client;
    const listened = makeClient({ events: false }).client;
    let decisions = 0;
    listened.on('decision', () => decisions++);
    for (const user of USERS) {
      for (const key of KEYS) {
        for (const d of DEFAULTS) {
          const expected = loud.variationDetail(key, user, d);
          expect(quiet.variationDetail(key, user, d)).toEqual(expected);
          expect(listened.variationDetail(key, user, d)).toEqual(expected);
          expect(quiet.variation(key, user, d)).toEqual(expected.value);
          expect(quiet.jsonVariation(key, user, d)).toEqual(loud.jsonVariation(key, user, d));
        }
        expect(quiet.boolVariation(key, user, false)).toBe(loud.boolVariation(key, user, false));
        expect(quiet.stringVariation(key, user, 'x')).toBe(loud.stringVariation(key, user, 'x'));
        expect(quiet.numberVariation(key, user, -1)).toBe(loud.numberVariation(key, user, -1));
      }
    }
    expect(decisions).toBe(USERS.length * KEYS.length * DEFAULTS.length);
  });

  it('calls a given callback with the value, and none when absent', () => {
    const { client } = makeClient({ events: false });
    const seen: unknown[] = [];
    const user = USERS[0];
    for (const key of KEYS) {
      const value = client.variation(key, user, false, (err, v) => seen.push([err, v]));
      expect(seen.pop()).toEqual([null, value]);
      expect(client.variation(key, user, false)).toEqual(value);
      expect(client.variation(key, user, false, undefined)).toEqual(value);
    }
    expect(seen).toEqual([]);
  });

  it('logs an unknown flag once, on the quiet path and through the core', () => {
    for (const make of [() => makeClient({ events: false }), () => makeClient()]) {
      const { client, logger } = make();
      for (const d of DEFAULTS) expect(client.variation('no-such-flag', USERS[0], d)).toEqual(d);
      expect(client.variation('dark-mode', USERS[0], false)).toBeTypeOf('boolean');
      expect(linesAt(logger, 'info').filter((l) => l.includes('unknown flag'))).toHaveLength(1);
    }
  });
});
