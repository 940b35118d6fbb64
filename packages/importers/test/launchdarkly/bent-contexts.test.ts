// Contexts that bend LaunchDarkly's rules where its Node server SDK still evaluates them:
// - a `_meta` that is not an object (it reads `_meta?.privateAttributes`);
// - private attributes given as a false value (read as none);
// - a legacy user whose `custom` is not an object (it spreads `custom || []`: a string gives its characters under
//   "0", "1"...);
// - a multi-kind context or a legacy user given as a class instance (read on its own properties, and a legacy user's
//   fields by name);
// - a context whose `kind` is inherited.
// Ensign's LaunchDarkly face must answer as it does, with events off and on. A `_meta.privateAttributes` that is a
// true value but not an array of strings makes LaunchDarkly's SDK throw from `variationDetail`; Ensign answers
// USER_NOT_SPECIFIED there, as it never throws, so those are not compared.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateContexts } from './contexts.js';
import { compare } from './differential.js';
import { rolloutsPayload } from './configs-rollouts.js';
import { segmentsPayload } from './configs-segments.js';
import { targetingPayload } from './configs-targeting.js';
import { createRandom, type Random } from './random.js';

/** Values that are not objects, as `_meta` or `custom`: strings, numbers, booleans and arrays. */
const NOT_OBJECTS: readonly unknown[] = ['x', '', 'US', 'pro', 0, 5, -1.5, true, false, [], ['country'], ['pro', 'US'], [['email']]];

/** False values, as `_meta.privateAttributes` or `privateAttributeNames`: LaunchDarkly reads them as none. */
const FALSE_VALUES: readonly unknown[] = ['', 0, false, Number.NaN];

/** A class whose instances hold the given fields as their own properties, under a prototype with a getter. */
class ContextObject {
  get plan(): string {
    return 'inherited'; // on the prototype: never an attribute
  }
}

function instanceOf(fields: Record<string, unknown>): Record<string, unknown> {
  const instance = new ContextObject() as unknown as Record<string, unknown>;
  // Defined, as a constructor's fields are (an own `plan` shadows the getter).
  for (const [name, value] of Object.entries(fields)) Object.defineProperty(instance, name, { value, enumerable: true, writable: true, configurable: true });
  return instance;
}

/** One generated context bent one way: its `_meta`, its `custom`, or its class. */
function bend(context: Record<string, unknown>, r: Random): Record<string, unknown> {
  const kind = context['kind'];
  if (kind === undefined) {
    // A legacy user: `custom` that is not an object, or the user as a class instance (or both).
    const way = r.int(3);
    if (way !== 1) context['custom'] = r.pick(NOT_OBJECTS);
    if (r.chance(0.3)) context['privateAttributeNames'] = r.pick(FALSE_VALUES);
    return way === 0 ? context : instanceOf(context);
  }
  if (kind === 'multi') {
    for (const [name, value] of Object.entries(context)) {
      if (name !== 'kind' && typeof value === 'object' && value !== null && r.chance(0.5)) (value as Record<string, unknown>)['_meta'] = r.pick(NOT_OBJECTS);
    }
    return r.chance(0.5) ? instanceOf(context) : context;
  }
  context['_meta'] = r.chance(0.7) ? r.pick(NOT_OBJECTS) : { privateAttributes: r.pick(FALSE_VALUES) };
  const x = r.next();
  if (x < 0.3) return instanceOf(context);
  if (x < 0.45) {
    // Its kind inherited: LaunchDarkly reads `context.kind` by name.
    const { kind: inherited, ...own } = context;
    return Object.assign(Object.create({ kind: inherited }) as Record<string, unknown>, own);
  }
  return context;
}

const payloads = [
  ['targeting flag', targetingPayload(), 52],
  ['rollout and experiment', rolloutsPayload(), 53],
  ['segment flag', segmentsPayload(), 54],
] as const;

describe('contexts that bend LaunchDarkly\'s rules, against the LaunchDarkly Node server SDK', () => {
  for (const [name, payload, seed] of payloads) {
    const flags = Object.keys(payload.flags).filter((k) => k !== 'null-variation');
    for (const events of [false, true]) {
      it(`gives 600 such contexts the same detail for every ${name} (events ${events ? 'on' : 'off'})`, async () => {
        const r = createRandom(events ? seed + 100 : seed);
        const contexts = generateContexts(600, events ? seed + 100 : seed).map((c) => bend(c, r));
        const { mismatches, evaluations, seen } = await compare(payload, contexts, flags, 5, { events });
        expect(mismatches.map((m) => inspect(m, { depth: 4 })).join('\n\n')).toBe('');
        expect(evaluations).toBe(600 * flags.length);
        // The contexts are evaluated, not refused.
        expect(seen.get(`${flags[0]}:ERROR/USER_NOT_SPECIFIED`) ?? 0).toBeLessThan(60);
        expect([...seen.keys()].some((label) => /:(RULE_MATCH|FALLTHROUGH)/.test(label))).toBe(true);
      }, 120_000);
    }
  }

  it('reads a legacy custom string as LaunchDarkly does: its characters are attributes "0", "1"...', async () => {
    const payload = {
      flags: {
        'first-letter': {
          key: 'first-letter', on: true, version: 1, salt: 's', offVariation: 0, fallthrough: { variation: 0 },
          variations: ['no', 'yes'], targets: [], contextTargets: [], prerequisites: [],
          rules: [{ id: 'r0', variation: 1, clauses: [{ contextKind: 'user', attribute: '0', op: 'in', values: ['p'], negate: false }] }],
        },
      },
      segments: {},
    };
    const contexts = [{ key: 'a', custom: 'pro' }, { key: 'b', custom: 'xyz' }, { key: 'c', custom: ['p'] }, { key: 'd', custom: 7 }];
    const { mismatches, seen } = await compare(payload as never, contexts, undefined, 5, { events: true });
    expect(mismatches.map((m) => inspect(m, { depth: 4 })).join('\n\n')).toBe('');
    expect(seen.get('first-letter:RULE_MATCH#0')).toBe(2);
    expect(seen.get('first-letter:FALLTHROUGH')).toBe(2);
  });
});
