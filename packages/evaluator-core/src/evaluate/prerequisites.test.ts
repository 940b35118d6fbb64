// Prerequisites (LaunchDarkly) and flag-result dependencies (Amplitude, GrowthBook): recursive, cycle-safe, bounded.
import type { Flag } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import { evaluateFlag } from './evaluate-flag.js';

describe('prerequisites', () => {
  const parent = boolFlag('parent', { fallthrough: { variation: 'on' } });

  it('goes on when every prerequisite serves the required variation', () => {
    const child = boolFlag('child', { prerequisites: [{ flagKey: 'parent', variation: 'on' }], fallthrough: { variation: 'on' } });
    expect(evaluateFlag(compile([parent, child]), user('u'), 'child')).toMatchObject({ variationKey: 'on', reason: { kind: 'FALLTHROUGH' } });
  });

  it('serves the off variation with PREREQUISITE_FAILED and the failed key otherwise', () => {
    const child = boolFlag('child', { prerequisites: [{ flagKey: 'parent', variation: 'off' }], fallthrough: { variation: 'on' } });
    const r = evaluateFlag(compile([parent, child]), user('u'), 'child');
    expect(r).toMatchObject({ variationKey: 'off', enabled: false, reason: { kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'parent' } });
  });

  it('fails on an off prerequisite even when its off variation is the required one (LaunchDarkly)', () => {
    const offParent = boolFlag('parent', { on: false });
    const child = boolFlag('child', { prerequisites: [{ flagKey: 'parent', variation: 'off' }], fallthrough: { variation: 'on' } });
    expect(evaluateFlag(compile([offParent, child]), user('u'), 'child').reason).toEqual({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'parent' });
  });

  it('fails on a missing prerequisite flag', () => {
    const child = boolFlag('child', { prerequisites: [{ flagKey: 'ghost', variation: 'on' }], fallthrough: { variation: 'on' } });
    expect(evaluateFlag(compile([child]), user('u'), 'child').reason).toEqual({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'ghost' });
  });

  it("tells onPrerequisite of every prerequisite evaluation in LaunchDarkly's order, a shared one as often as it is required", () => {
    // root <- middle <- leaf, and leaf also requires root directly (a diamond): LaunchDarkly evaluates root twice.
    const root = boolFlag('root', { fallthrough: { variation: 'on' } });
    const middle = boolFlag('middle', { prerequisites: [{ flagKey: 'root', variation: 'on' }], fallthrough: { variation: 'on' } });
    const other = boolFlag('other', { prerequisites: [{ flagKey: 'middle', variation: 'on' }], fallthrough: { variation: 'on' } });
    const leaf = boolFlag('leaf', { prerequisites: [{ flagKey: 'middle', variation: 'on' }, { flagKey: 'other', variation: 'on' }, { flagKey: 'root', variation: 'on' }], fallthrough: { variation: 'on' } });
    const told: string[] = [];
    const r = evaluateFlag(compile([root, middle, other, leaf]), user('u'), 'leaf', { onPrerequisite: (e) => told.push(`${e.flagKey}:${e.result.variationKey ?? '-'}<${e.prereqOf}`) });
    expect(r.variationKey).toBe('on');
    // middle's own prerequisite is told again when other requires middle (its result is memoised).
    expect(told).toEqual(['root:on<middle', 'middle:on<leaf', 'root:on<middle', 'middle:on<other', 'other:on<leaf', 'root:on<leaf']);
  });

  it('tells onPrerequisite nothing after a failed prerequisite, nor of a missing one, and never lets it throw', () => {
    const off = boolFlag('off-parent', { on: false });
    const after = boolFlag('after', { fallthrough: { variation: 'on' } });
    const child = boolFlag('child', { prerequisites: [{ flagKey: 'ghost', variation: 'on' }], fallthrough: { variation: 'on' } });
    const child2 = boolFlag('child2', { prerequisites: [{ flagKey: 'off-parent', variation: 'on' }, { flagKey: 'after', variation: 'on' }], fallthrough: { variation: 'on' } });
    const c = compile([off, after, child, child2]);
    const told: string[] = [];
    evaluateFlag(c, user('u'), 'child', { onPrerequisite: (e) => told.push(e.flagKey) });
    expect(told).toEqual([]);
    evaluateFlag(c, user('u'), 'child2', { onPrerequisite: (e) => told.push(e.flagKey) });
    expect(told).toEqual(['off-parent']);
    const thrower = () => {
      throw new Error('listener bug');
    };
    expect(evaluateFlag(c, user('u'), 'child2', { onPrerequisite: thrower }).reason).toEqual({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'off-parent' });
  });

  it('evaluates prerequisites recursively', () => {
    const a = boolFlag('a', { fallthrough: { variation: 'off' } });
    const b = boolFlag('b', { prerequisites: [{ flagKey: 'a', variation: 'on' }], fallthrough: { variation: 'on' } });
    const c = boolFlag('c', { prerequisites: [{ flagKey: 'b', variation: 'on' }], fallthrough: { variation: 'on' } });
    expect(evaluateFlag(compile([a, b, c]), user('u'), 'c').reason).toEqual({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: 'b' });
  });

  it('answers MALFORMED_FLAG for a prerequisite cycle instead of recursing forever', () => {
    const a = boolFlag('a', { prerequisites: [{ flagKey: 'b', variation: 'on' }], fallthrough: { variation: 'on' } });
    const b = boolFlag('b', { prerequisites: [{ flagKey: 'a', variation: 'on' }], fallthrough: { variation: 'on' } });
    const self = boolFlag('self', { prerequisites: [{ flagKey: 'self', variation: 'on' }] });
    const c = compile([a, b, self]);
    expect(evaluateFlag(c, user('u'), 'a').reason).toEqual({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' });
    expect(evaluateFlag(c, user('u'), 'self').reason).toEqual({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' });
  });

  it('answers MALFORMED_FLAG for a chain deeper than 32', () => {
    const flags: Flag[] = [];
    for (let i = 0; i < 40; i++) flags.push(boolFlag(`f${i}`, { prerequisites: i < 39 ? [{ flagKey: `f${i + 1}`, variation: 'on' }] : [], fallthrough: { variation: 'on' } }));
    const c = compile(flags);
    expect(evaluateFlag(c, user('u'), 'f0').reason).toEqual({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' });
    expect(evaluateFlag(c, user('u'), 'f20').variationKey).toBe('on');
  });

  it('propagates a prerequisite error to the flag that depends on it', () => {
    const broken = boolFlag('broken', { rules: [{ id: 'r', serve: { variation: 'ghost' } }] });
    const child = boolFlag('child', { prerequisites: [{ flagKey: 'broken', variation: 'on' }] });
    expect(evaluateFlag(compile([broken, child]), user('u'), 'child').reason.errorKind).toBe('MALFORMED_FLAG');
  });
});

describe('flag-result conditions', () => {
  const parent: Flag = {
    key: 'parent',
    on: true,
    variations: [
      { key: 'control', value: 'c' },
      { key: 'treatment', value: 't' },
    ],
    rules: [{ id: 'r', conditions: { attribute: 'beta', op: 'in', values: [true] }, serve: { variation: 'treatment' } }],
    fallthrough: { variation: 'control' },
  };

  it('evaluates the referenced flag first and compares its variation key', () => {
    const child = boolFlag('child', { rules: [{ id: 'r', conditions: { flag: 'parent', op: 'in', values: ['treatment'] }, serve: { variation: 'on' } }] });
    const c = compile([parent, child]);
    expect(evaluateFlag(c, user('u', { beta: true }), 'child').variationKey).toBe('on');
    expect(evaluateFlag(c, user('u'), 'child').variationKey).toBeNull();
  });

  it('can compare the served value instead', () => {
    const child = boolFlag('child', { rules: [{ id: 'r', conditions: { flag: 'parent', select: 'value', op: 'in', values: ['t'] }, serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([parent, child]), user('u', { beta: true }), 'child').variationKey).toBe('on');
  });

  it('sees a missing flag as a missing value (Amplitude: "(none)")', () => {
    const child = boolFlag('child', { rules: [{ id: 'r', conditions: { flag: 'ghost', op: 'in', values: ['(none)'], semantics: 'amplitude' }, serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([child]), user('u'), 'child').variationKey).toBe('on');
  });

  it('answers MALFORMED_FLAG for a dependency cycle', () => {
    const a = boolFlag('a', { rules: [{ id: 'r', conditions: { flag: 'b', op: 'exists', values: [] }, serve: { variation: 'on' } }] });
    const b = boolFlag('b', { rules: [{ id: 'r', conditions: { flag: 'a', op: 'exists', values: [] }, serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([a, b]), user('u'), 'a').reason.errorKind).toBe('MALFORMED_FLAG');
  });
});
