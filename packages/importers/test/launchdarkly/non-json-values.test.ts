// Contexts whose attributes hold values that are not JSON (a `Date`, `NaN`, ±Infinity, a function, a BigInt, a symbol,
// `undefined`, an array with holes, a class instance, a cycle), as request handlers pass them: LaunchDarkly's Node
// server SDK evaluates such contexts, reading each value as it is. Ensign's LaunchDarkly face must answer as it does,
// with events off (the quiet path) and on (the decision path), for single-kind, multi-kind and legacy contexts.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateContexts } from './contexts.js';
import { compare } from './differential.js';
import { rolloutsPayload } from './configs-rollouts.js';
import { segmentsPayload } from './configs-segments.js';
import { targetingPayload } from './configs-targeting.js';
import { createRandom } from './random.js';
import { NON_JSON_KINDS, nonJsonValues } from '../non-json.js';

/** Every kind of value that is not JSON: LaunchDarkly's SDK evaluates them all. */
const nonJson = nonJsonValues(NON_JSON_KINDS.filter((k) => k !== 'plainObject' && k !== 'list'));

/** The attributes the targeting flags' clauses read, of every kind. */
const NAMES = ['country', 'plan', 'age', 'version', 'signup', 'email', 'team', 'score', 'tags', 'address', 'tier', 'seats', 'os', 'extra'];

/** `count` generated contexts, each with one to three attributes (at the top, in a kind, or under `custom`) replaced. */
function contextsWithNonJsonValues(count: number, seed: number): Record<string, unknown>[] {
  const r = createRandom(seed);
  return generateContexts(count, seed).map((context, n) => {
    const targets: Record<string, unknown>[] = [];
    if (context['kind'] === 'multi') {
      for (const [name, value] of Object.entries(context)) if (name !== 'kind' && typeof value === 'object' && value !== null) targets.push(value as Record<string, unknown>);
    } else if (context['kind'] === undefined) targets.push(context['custom'] as Record<string, unknown>, context);
    else targets.push(context);
    const times = 1 + r.int(3);
    for (let i = 0; i < times; i++) (r.pick(targets) as Record<string, unknown>)[r.pick(NAMES)] = nonJson(n + i * 5);
    return context;
  });
}

// Clauses of every operator (targeting), percentage rollouts and experiments bucketed by attributes (rollouts), and
// segments with rules (segments).
const payloads = [
  ['targeting flag', targetingPayload(), 42],
  ['rollout and experiment', rolloutsPayload(), 43],
  ['segment flag', segmentsPayload(), 44],
] as const;

describe('contexts holding values that are not JSON, against the LaunchDarkly Node server SDK', () => {
  for (const [name, payload, seed] of payloads) {
    const flags = Object.keys(payload.flags).filter((k) => k !== 'null-variation');
    for (const events of [false, true]) {
      it(`gives 1 000 contexts the same detail for every ${name} (events ${events ? 'on' : 'off'})`, async () => {
        const contexts = contextsWithNonJsonValues(1_000, events ? seed + 100 : seed);
        const { mismatches, evaluations, seen } = await compare(payload, contexts, flags, 5, { events });
        expect(mismatches.map((m) => inspect(m, { depth: 4 })).join('\n\n')).toBe('');
        expect(evaluations).toBe(1_000 * flags.length);
        // Not every answer is an error: the contexts are evaluated.
        expect([...seen.keys()].filter((label) => label.includes(':ERROR')).length).toBeLessThan(seen.size);
        expect([...seen.keys()].some((label) => /:(RULE_MATCH|FALLTHROUGH)/.test(label))).toBe(true);
      }, 120_000);
    }
  }
});

/** A class whose instances are contexts, as TypeScript code writes them; a getter on its prototype is no attribute. */
class ContextObject {
  get country(): string {
    return 'US';
  }
}

/** `fields` as own properties of a {@link ContextObject}, as a class's constructor sets them (an own `country` shadows the getter). */
function instanceOf(fields: Record<string, unknown>): Record<string, unknown> {
  const instance = new ContextObject() as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) Object.defineProperty(instance, name, { value, enumerable: true, writable: true, configurable: true });
  return instance;
}

/**
 * The generated contexts as class instances (own fields; for a multi-kind context, each kind) and as objects over a
 * prototype lending some attributes: LaunchDarkly's SDK evaluates them on their own properties.
 */
function contextObjects(count: number, seed: number): Record<string, unknown>[] {
  const r = createRandom(seed);
  return generateContexts(count, seed)
    .filter((c) => typeof c['kind'] === 'string')
    .map((context) => {
      if (context['kind'] === 'multi') {
        const multi: Record<string, unknown> = { kind: 'multi' };
        for (const [kind, fields] of Object.entries(context)) if (kind !== 'kind') multi[kind] = instanceOf(fields as Record<string, unknown>);
        return multi;
      }
      if (r.chance(0.5)) return instanceOf(context);
      const lent = Object.create({ country: 'US', plan: 'pro', age: 30 }) as Record<string, unknown>;
      return Object.assign(lent, context);
    });
}

describe('contexts that are class instances, against the LaunchDarkly Node server SDK', () => {
  for (const [name, payload, seed] of payloads) {
    const flags = Object.keys(payload.flags).filter((k) => k !== 'null-variation');
    it(`gives class instances and objects over another prototype the same detail for every ${name}`, async () => {
      const contexts = contextObjects(1_000, seed + 200);
      const { mismatches, seen } = await compare(payload, contexts, flags, 5, { events: true });
      expect(mismatches.map((m) => inspect(m, { depth: 4 })).join('\n\n')).toBe('');
      expect([...seen.keys()].some((label) => /:(RULE_MATCH|FALLTHROUGH|TARGET_MATCH)/.test(label))).toBe(true);
    }, 120_000);
  }
});
