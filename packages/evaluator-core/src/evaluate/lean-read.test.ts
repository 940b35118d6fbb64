// The lean form's attribute reads (lean-read.ts, evaluate-lean.ts `leafMatches`) read only the context's own
// attributes, whatever the context is made of: a polluted Object.prototype (before or after compiling, enumerable or
// not, a value or a getter), a null prototype, a class instance, getters, names Object.prototype has, more names than
// there are read sites. Each case is also compared with the general evaluator (`forcedDecisions: []`).
import type { Datafile, Operator } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { compileDatafile, stateOf, type CompiledDatafile } from '../compile/compile-datafile.js';
import { LEAN_READ_SITES } from '../compile/compile-lean.js';
import { evaluateCheckedFlag, evaluateFlag } from './evaluate-flag.js';
import { evaluateFlags } from './evaluate-flags.js';

const GENERAL = { forcedDecisions: [] };

/** One flag per attribute name: `name in ['US']` (or `op`) serves `hit`, else `miss`. */
function datafile(names: readonly string[], op: Operator = 'in'): Datafile {
  return {
    schemaVersion: 1,
    revision: 'r1',
    environment: 'test',
    flags: names.map((name) => ({
      key: `flag-${name}`,
      on: true,
      variations: [
        { key: 'hit', value: 'hit' },
        { key: 'miss', value: 'miss' },
      ],
      rules: [{ id: 'r', conditions: { attribute: name, op, values: ['US'] }, serve: { variation: 'hit' } }],
      fallthrough: { variation: 'miss' },
    })),
  } as Datafile;
}

function isLean(compiled: CompiledDatafile, key: string): boolean {
  return stateOf(compiled)?.flags.get(key)?.lean != null;
}

/** The lean answer (through both entries), checked equal to the general evaluator's; the served variation key. */
function served(compiled: CompiledDatafile, key: string, context: unknown): string | null {
  const lean = evaluateFlag(compiled, context as never, key);
  expect(lean).toEqual(evaluateFlag(compiled, context as never, key, GENERAL));
  expect(evaluateCheckedFlag(compiled, context as never, key, {})).toEqual(lean);
  // (A getter that throws fails evaluateFlags' lean walk as a whole, as it did before per-site reads: compared apart.)
  if (lean.reason.kind !== 'ERROR') expect(evaluateFlags(compiled, context as never)).toEqual(evaluateFlags(compiled, context as never, undefined, GENERAL));
  return lean.reason.kind === 'ERROR' ? `ERROR:${lean.reason.errorKind}` : lean.variationKey;
}

/** Runs `body` with `name` defined on Object.prototype by `descriptor`, then removes it. */
function polluted<T>(name: string, descriptor: PropertyDescriptor, body: () => T): T {
  Object.defineProperty(Object.prototype, name, { configurable: true, ...descriptor });
  try {
    return body();
  } finally {
    delete (Object.prototype as Record<string, unknown>)[name];
  }
}

describe('lean attribute reads', () => {
  const compiled = compileDatafile(datafile(['country', 'constructor', 'toString', '__proto__', 'hasOwnProperty']));
  const user = (extra: Record<string, unknown> = {}) => ({ kind: 'user', key: 'u1', ...extra });

  it('covers these flags with the lean form', () => {
    for (const name of ['country', 'constructor', 'toString', '__proto__']) expect(isLean(compiled, `flag-${name}`)).toBe(true);
  });

  it('reads own attributes of plain objects, null-prototype objects and class instances', () => {
    class User {
      kind = 'user';
      key = 'u1';
      country = 'US';
    }
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { kind: 'user', key: 'u1', country: 'US' });
    for (let i = 0; i < 2_000; i++) {
      expect(served(compiled, 'flag-country', user({ country: i % 2 === 0 ? 'US' : 'FR' }))).toBe(i % 2 === 0 ? 'hit' : 'miss');
    }
    expect(served(compiled, 'flag-country', bare)).toBe('hit');
    expect(served(compiled, 'flag-country', new User())).toBe('hit');
  });

  it('never reads an attribute from Object.prototype, polluted after the code was warmed up', () => {
    const warm = user({ country: 'US' });
    for (let i = 0; i < 20_000; i++) evaluateFlag(compiled, (i % 2 === 0 ? warm : user()) as never, 'flag-country');
    expect(served(compiled, 'flag-country', user())).toBe('miss');
    // Enumerable (plain assignment), non-enumerable, and a getter: none is the context's attribute.
    for (const descriptor of [{ value: 'US', enumerable: true, writable: true }, { value: 'US' }, { get: () => 'US' }]) {
      polluted('country', descriptor, () => {
        expect(served(compiled, 'flag-country', user())).toBe('miss');
        expect(served(compiled, 'flag-country', user({ country: 'US' }))).toBe('hit');
        expect(served(compiled, 'flag-country', user({ country: 'FR' }))).toBe('miss');
        for (let i = 0; i < 5_000; i++) expect(evaluateFlag(compiled, user() as never, 'flag-country').variationKey).toBe('miss');
      });
    }
    // And after the pollution is gone.
    expect(served(compiled, 'flag-country', user({ country: 'US' }))).toBe('hit');
    expect(served(compiled, 'flag-country', user())).toBe('miss');
  });

  it('never reads an attribute from Object.prototype, polluted before the flags were compiled', () => {
    polluted('plan', { value: 'US', enumerable: true, writable: true }, () => {
      const early = compileDatafile(datafile(['plan']));
      expect(served(early, 'flag-plan', user())).toBe('miss');
      expect(served(early, 'flag-plan', user({ plan: 'US' }))).toBe('hit');
    });
  });

  it("reads Object.prototype's own names (constructor, toString, __proto__...) only as own attributes", () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(served(compiled, `flag-${name}`, user())).toBe('miss');
      // JSON.parse makes `__proto__` an own data property, as a request body would.
      expect(served(compiled, `flag-${name}`, JSON.parse(`{"kind":"user","key":"u1","${name}":"US"}`))).toBe('hit');
    }
  });

  it('ignores inherited attributes and getters, and calls an inherited getter that throws a missing attribute', () => {
    class Profile {
      get country(): string {
        return 'US';
      }
    }
    const inherited = Object.assign(new Profile(), { kind: 'user', key: 'u1' });
    expect(served(compiled, 'flag-country', inherited)).toBe('miss');
    const throwing = Object.assign(
      Object.create({
        get country(): string {
          throw new Error('inherited getter');
        },
      }) as Record<string, unknown>,
      { kind: 'user', key: 'u1' },
    );
    expect(served(compiled, 'flag-country', throwing)).toBe('miss');
  });

  it('reads own getters once per evaluation, and answers EXCEPTION when one throws', () => {
    let reads = 0;
    const counted = Object.defineProperty(user(), 'country', { enumerable: true, get: () => (reads++, 'US') });
    expect(evaluateFlag(compiled, counted as never, 'flag-country').variationKey).toBe('hit');
    expect(reads).toBe(1);
    const broken = Object.defineProperty(user(), 'country', {
      enumerable: true,
      get: () => {
        throw new Error('own getter');
      },
    });
    expect(served(compiled, 'flag-country', broken)).toBe('ERROR:EXCEPTION');
  });

  it('decides the same past the number of read sites (names beyond share one read)', () => {
    const names = Array.from({ length: LEAN_READ_SITES + 8 }, (_, i) => `attribute${i}`);
    const many = compileDatafile(datafile(names));
    for (const name of names) {
      expect(served(many, `flag-${name}`, user({ [name]: 'US' }))).toBe('hit');
      expect(served(many, `flag-${name}`, user({ [name]: 'FR' }))).toBe('miss');
      expect(served(many, `flag-${name}`, Object.assign(Object.create({ [name]: 'US' }) as object, user()))).toBe('miss');
      polluted(name, { value: 'US' }, () => expect(served(many, `flag-${name}`, user())).toBe('miss'));
    }
  });

  it('answers a missing attribute as the operator does (a negated `in` matches it)', () => {
    const negated = compileDatafile(datafile(['region'], 'notIn'));
    expect(isLean(negated, 'flag-region')).toBe(true);
    expect(served(negated, 'flag-region', user())).toBe(evaluateFlag(negated, user() as never, 'flag-region', GENERAL).variationKey);
    polluted('region', { value: 'FR', enumerable: true, writable: true }, () => {
      expect(served(negated, 'flag-region', user())).toBe(evaluateFlag(negated, user() as never, 'flag-region', GENERAL).variationKey);
      expect(served(negated, 'flag-region', user({ region: 'US' }))).toBe('miss');
    });
  });
});
