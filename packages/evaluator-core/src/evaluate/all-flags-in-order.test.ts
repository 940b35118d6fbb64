import { generateDatafile } from '@ensign/datafile-schema/testing';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import { compileDatafile } from '../compile/compile-datafile.js';
import { flagKeyTemplate } from './all-flags.js';
import { evaluateAllFlagsInOrder, evaluateFlags } from './evaluate-flags.js';

/** The list of evaluateAllFlagsInOrder as a record by key, to compare with evaluateFlags. */
function asRecord(keys: readonly string[], results: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  keys.forEach((k, i) => (out[k] = results[i]));
  return out;
}

describe('evaluateAllFlagsInOrder', () => {
  it('gives the results of evaluateFlags, in datafile order, for lean and general flags alike', () => {
    const c = compile([
      boolFlag('a', { fallthrough: { variation: 'on' } }),
      boolFlag('b', { prerequisites: [{ flagKey: 'a', variation: 'on' }], fallthrough: { variation: 'on' } }),
      boolFlag('c', { on: false }),
    ]);
    const { keys, results } = evaluateAllFlagsInOrder(c, user('u'));
    expect(keys).toEqual(['a', 'b', 'c']);
    expect(asRecord(keys, results)).toEqual(evaluateFlags(c, user('u')));
  });

  it('agrees with evaluateFlags on the benchmark datafile for many users, with and without options', () => {
    const c = compileDatafile(generateDatafile({ flags: 50 }));
    for (let i = 0; i < 200; i++) {
      const context = { kind: 'user', key: `user-${i}`, country: ['US', 'CA', 'GB'][i % 3], plan: i % 2 === 0 ? 'pro' : 'free' } as never;
      const { keys, results } = evaluateAllFlagsInOrder(c, context);
      expect(asRecord(keys, results)).toEqual(evaluateFlags(c, context));
      const withReasons = evaluateAllFlagsInOrder(c, context, { includeReasons: true });
      expect(asRecord(withReasons.keys, withReasons.results)).toEqual(evaluateFlags(c, context, undefined, { includeReasons: true }));
    }
  });

  it('agrees with evaluateFlags where the lean form leaves flags to the general path, and when a context read throws', () => {
    const c = compileDatafile(generateDatafile({ flags: 30 }));
    for (const context of [{ kind: 'org', key: 'org-1', country: 'US', plan: 'pro' }, { kind: 'user', key: 'user-1', plan: 7 }]) {
      const { keys, results } = evaluateAllFlagsInOrder(c, context as never);
      expect(results).toHaveLength(30);
      expect(asRecord(keys, results)).toEqual(evaluateFlags(c, context as never));
    }
    const throwing = {
      kind: 'user',
      key: 'user-2',
      get country(): string {
        throw new Error('no country');
      },
    };
    const { keys, results } = evaluateAllFlagsInOrder(c, throwing as never);
    // The list ends at the first flag that reads the attribute, as the record does.
    expect(results.every((r) => r !== null && typeof r === 'object')).toBe(true);
    expect(asRecord(keys.slice(0, results.length), results)).toEqual(evaluateFlags(c, throwing as never));
  });

  it('answers USER_NOT_SPECIFIED for every flag when the context is invalid, and nothing for a broken datafile', () => {
    const c = compile([boolFlag('a', { fallthrough: { variation: 'on' } }), boolFlag('b', { on: false })]);
    const { results } = evaluateAllFlagsInOrder(c, { kind: 'user', key: 42 } as never);
    expect(results.map((r) => r.reason.errorKind)).toEqual(['USER_NOT_SPECIFIED', 'USER_NOT_SPECIFIED']);
    expect(evaluateAllFlagsInOrder({} as never, user('u'))).toEqual({ keys: [], results: [] });
  });
});

describe('flagKeyTemplate', () => {
  it('holds every flag key in datafile order, each null, the same object for the same datafile', () => {
    const c = compile([boolFlag('b', { on: false }), boolFlag('__proto__', { on: false }), boolFlag('a', { on: false })]);
    const template = flagKeyTemplate(c);
    expect(Object.keys(template)).toEqual(['b', '__proto__', 'a']);
    expect(Object.values(template)).toEqual([null, null, null]);
    expect(Object.getPrototypeOf({ ...template })).toBe(Object.prototype);
    expect(flagKeyTemplate(c)).toBe(template);
    expect(flagKeyTemplate({} as never)).toEqual({});
  });
});
