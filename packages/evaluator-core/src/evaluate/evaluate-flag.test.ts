// The decision order and the error results of evaluateFlag.
import type { Flag } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import { compileDatafile } from '../compile/compile-datafile.js';
import { evaluateCheckedFlag, evaluateFlag } from './evaluate-flag.js';

const proRule = { id: 'pro', conditions: { attribute: 'plan', op: 'in' as const, values: ['pro'] }, serve: { variation: 'on' } };

describe('the decision order', () => {
  it('serves the off variation of an off flag, with reason OFF and enabled false', () => {
    const r = evaluateFlag(compile([boolFlag('f', { on: false, rules: [proRule] })]), user('u', { plan: 'pro' }), 'f');
    expect(r).toMatchObject({ value: false, variationKey: 'off', variationIndex: 0, enabled: false, reason: { kind: 'OFF' } });
  });

  it('serves the caller default for an off flag without an off variation', () => {
    const r = evaluateFlag(compile([boolFlag('f', { on: false, offVariation: null })]), user('u'), 'f', { defaultValue: 'dflt' });
    expect(r).toMatchObject({ value: 'dflt', variationKey: null, variationIndex: null, enabled: false, reason: { kind: 'OFF' } });
  });

  it('lets a flag-level forced decision win even over an off flag', () => {
    const r = evaluateFlag(compile([boolFlag('f', { on: false })]), user('u'), 'f', { forcedDecisions: [{ flagKey: 'f', variationKey: 'on' }] });
    expect(r).toMatchObject({ variationKey: 'on', enabled: true, reason: { kind: 'TARGET_MATCH', forced: true } });
  });

  it('checks individual targets before rules', () => {
    const f = boolFlag('f', { targets: [{ values: ['vip'], variation: 'off' }], rules: [proRule] });
    expect(evaluateFlag(compile([f]), user('vip', { plan: 'pro' }), 'f')).toMatchObject({ variationKey: 'off', reason: { kind: 'TARGET_MATCH' } });
    expect(evaluateFlag(compile([f]), user('other', { plan: 'pro' }), 'f')).toMatchObject({ variationKey: 'on', reason: { kind: 'RULE_MATCH' } });
  });

  it('gives the earliest target among the kinds of a multi-kind context', () => {
    const f = boolFlag('f', {
      targets: [
        { contextKind: 'org', values: ['acme'], variation: 'on' },
        { values: ['u1'], variation: 'off' },
      ],
    });
    const ctx = { kind: 'multi', user: { key: 'u1' }, org: { key: 'acme' } } as const;
    expect(evaluateFlag(compile([f]), ctx, 'f').variationKey).toBe('on');
  });

  it('tries rules in order and reports the first match with its index and id', () => {
    const f = boolFlag('f', {
      rules: [
        { id: 'r0', conditions: { attribute: 'plan', op: 'in', values: ['free'] }, serve: { variation: 'off' } },
        { id: 'r1', key: 'pro-users', conditions: { attribute: 'plan', op: 'in', values: ['pro'] }, serve: { variation: 'on' } },
      ],
    });
    const r = evaluateFlag(compile([f]), user('u', { plan: 'pro' }), 'f');
    expect(r).toMatchObject({ variationKey: 'on', ruleKey: 'pro-users', ruleId: 'r1', reason: { kind: 'RULE_MATCH', ruleIndex: 1, ruleId: 'r1' } });
  });

  it('falls through when no rule matches, and serves no variation without a fallthrough', () => {
    expect(evaluateFlag(compile([boolFlag('f', { rules: [proRule], fallthrough: { variation: 'off' } })]), user('u'), 'f')).toMatchObject({
      variationKey: 'off',
      reason: { kind: 'FALLTHROUGH' },
    });
    expect(evaluateFlag(compile([boolFlag('f', { rules: [proRule] })]), user('u'), 'f', { defaultValue: 7 })).toMatchObject({
      value: 7,
      variationKey: null,
      enabled: false,
      reason: { kind: 'FALLTHROUGH' },
    });
  });

  it('skips rules that are not running', () => {
    const f = boolFlag('f', { rules: [{ ...proRule, status: 'paused' }], fallthrough: { variation: 'off' } });
    expect(evaluateFlag(compile([f]), user('u', { plan: 'pro' }), 'f').reason.kind).toBe('FALLTHROUGH');
  });

  it('serves a rule-level target before the rule conditions', () => {
    const f = boolFlag('f', { rules: [{ ...proRule, targets: [{ values: ['tester'], variation: 'off' }] }] });
    expect(evaluateFlag(compile([f]), user('tester', { plan: 'pro' }), 'f')).toMatchObject({ variationKey: 'off', reason: { kind: 'RULE_MATCH', ruleId: 'pro' } });
  });

  it('jumps to the last rule on a miss when onMiss is "last" (Optimizely "Everyone Else")', () => {
    const nobody = { bucketing: { hash: 'ensign' as const }, variations: [{ variation: 'on', weight: 0 }] };
    const f: Flag = boolFlag('f', {
      rules: [
        { id: 'r0', serve: { rollout: nobody }, onMiss: 'last' },
        { id: 'r1', serve: { variation: 'on' } },
        { id: 'everyone-else', serve: { variation: 'off' } },
      ],
    });
    expect(evaluateFlag(compile([f]), user('u'), 'f')).toMatchObject({ variationKey: 'off', ruleId: 'everyone-else' });
    const next = boolFlag('f', { rules: [{ ...f.rules![0]!, onMiss: 'next' }, ...f.rules!.slice(1)] });
    expect(evaluateFlag(compile([next]), user('u'), 'f')).toMatchObject({ variationKey: 'on', ruleId: 'r1' });
  });

  it('marks a disabled variation not enabled and serves variable defaults with it', () => {
    const f: Flag = {
      key: 'f',
      on: true,
      variables: [{ key: 'color', type: 'string', default: 'grey' }],
      variations: [
        { key: 'dark', value: 1, enabled: false, variables: { color: 'black' } },
        { key: 'bright', value: 2, variables: { color: 'white' } },
      ],
      fallthrough: { variation: 'dark' },
      rules: [{ id: 'r', conditions: { attribute: 'bright', op: 'in', values: [true] }, serve: { variation: 'bright' } }],
    };
    const c = compile([f]);
    expect(evaluateFlag(c, user('u'), 'f')).toMatchObject({ value: 1, enabled: false, variables: { color: 'grey' } });
    expect(evaluateFlag(c, user('u', { bright: true }), 'f')).toMatchObject({ value: 2, enabled: true, variables: { color: 'white' } });
    expect(evaluateFlag(c, user('u', { bright: true }), 'f', { excludeVariables: true }).variables).toEqual({});
  });

  it('echoes the datafile revision and returns frozen values the caller cannot change', () => {
    const f: Flag = { key: 'f', on: true, variations: [{ key: 'v', value: { nested: [1] } }], fallthrough: { variation: 'v' } };
    const r = evaluateFlag(compile([f], { revision: 'r-42' }), user('u'), 'f');
    expect(r.revision).toBe('r-42');
    expect(Object.isFrozen(r.value)).toBe(true);
    expect(Object.isFrozen(r.reason)).toBe(true);
  });
});

describe('errors', () => {
  const c = compile([boolFlag('f', { fallthrough: { variation: 'on' } })]);

  it('answers FLAG_NOT_FOUND with the default for an unknown key', () => {
    expect(evaluateFlag(c, user('u'), 'nope', { defaultValue: 'd' })).toMatchObject({
      flagKey: 'nope',
      value: 'd',
      variationKey: null,
      enabled: false,
      variables: {},
      reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' },
      revision: 'rev-1',
    });
  });

  it.each([
    ['no context', undefined],
    ['null', null],
    ['a numeric key', { kind: 'user', key: 42 }],
    ['an invalid kind', { kind: 'us er', key: 'u' }],
    ['the kind "kind"', { kind: 'kind', key: 'u' }],
    ['no kind (a legacy user not converted by validateContext)', { key: 'u' }],
    ['an empty multi-kind context', { kind: 'multi' }],
    ['a multi-kind context with a keyless kind', { kind: 'multi', user: { key: 'u' }, org: { name: 'x' } }],
    ['an array', []],
  ])('answers USER_NOT_SPECIFIED for %s', (_name, context) => {
    expect(evaluateFlag(c, context as never, 'f').reason).toEqual({ kind: 'ERROR', errorKind: 'USER_NOT_SPECIFIED' });
  });

  it('evaluates a context whose key is empty (Optimizely decides for an empty user id)', () => {
    expect(evaluateFlag(c, { kind: 'user', key: '' }, 'f').reason.kind).not.toBe('ERROR');
  });

  it('answers MALFORMED_FLAG for a flag that refers to a missing variation, only when it is served', () => {
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: { attribute: 'x', op: 'exists', values: [] }, serve: { variation: 'ghost' } }], fallthrough: { variation: 'on' } });
    const d = compile([f]);
    expect(evaluateFlag(d, user('u'), 'f').variationKey).toBe('on');
    expect(evaluateFlag(d, user('u', { x: 1 }), 'f', { defaultValue: false })).toMatchObject({ value: false, reason: { kind: 'ERROR', errorKind: 'MALFORMED_FLAG' } });
  });

  it('treats a segment the datafile lacks as no match, as LaunchDarkly does', () => {
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: { op: 'segmentMatch', values: ['ghost'] }, serve: { variation: 'on' } }], fallthrough: { variation: 'off' } });
    expect(evaluateFlag(compile([f]), user('u'), 'f')).toMatchObject({ variationKey: 'off', reason: { kind: 'FALLTHROUGH' } });
  });

  it('says what is wrong in errorMessage for MALFORMED_FLAG', () => {
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: { attribute: '//', op: 'in', values: ['x'] }, serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([f]), user('u'), 'f').errorMessage).toBe('invalid attribute reference "//"');
    expect(evaluateFlag(compile([boolFlag('g')]), user('u'), 'g')).not.toHaveProperty('errorMessage');
  });

  it('answers MALFORMED_FLAG for a flag that could not be compiled, without failing the others', () => {
    const broken = { key: 'broken', on: true, variations: 'nope' } as unknown as Flag;
    const d = compile([broken, boolFlag('ok', { fallthrough: { variation: 'on' } })]);
    expect(evaluateFlag(d, user('u'), 'broken').reason).toEqual({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' });
    expect(evaluateFlag(d, user('u'), 'ok').variationKey).toBe('on');
  });

  it('answers MALFORMED_FLAG for an invalid attribute reference', () => {
    const f = boolFlag('f', { rules: [{ id: 'r', conditions: { attribute: '//', op: 'in', values: ['x'] }, serve: { variation: 'on' } }] });
    expect(evaluateFlag(compile([f]), user('u'), 'f').reason.errorKind).toBe('MALFORMED_FLAG');
  });

  it('answers EXCEPTION when something unexpected throws, such as a hostile context getter', () => {
    const hostile = { kind: 'user', key: 'u' } as Record<string, unknown>;
    Object.defineProperty(hostile, 'plan', { enumerable: true, get: () => { throw new Error('boom'); } });
    const d = compile([boolFlag('f', { rules: [proRule] })]);
    expect(evaluateFlag(d, hostile as never, 'f', { defaultValue: 0 })).toMatchObject({ value: 0, reason: { kind: 'ERROR', errorKind: 'EXCEPTION' } });
  });

  it('answers EXCEPTION for something that is not a compiled datafile', () => {
    expect(evaluateFlag({} as never, user('u'), 'f').reason.errorKind).toBe('EXCEPTION');
  });

  it('compiles anything without throwing, a non-datafile to an empty one', () => {
    const empty = compileDatafile(42 as never);
    expect(empty.flagKeys).toEqual([]);
    expect(evaluateFlag(empty, user('u'), 'f').reason.errorKind).toBe('FLAG_NOT_FOUND');
  });
});

describe('evaluateCheckedFlag', () => {
  it('answers as evaluateFlag does for a checked context: lean and general flags, unknown keys, options, errors', () => {
    const compiled = compile([
      boolFlag('lean', { rules: [proRule] }),
      boolFlag('off', { on: false, rules: [proRule] }),
      boolFlag('targeted', { targets: [{ values: ['vip'], variation: 'on' }] }),
    ]);
    const contexts = [user('u', { plan: 'pro' }), user('vip'), user('', { plan: 'free' }), { kind: 'multi', user: { key: 'u1', plan: 'pro' }, org: { key: 'o' } } as const];
    const options = [{}, { defaultValue: false }, { includeReasons: true }, { trace: true }, { forcedDecisions: [{ flagKey: 'lean', variationKey: 'off' }] }];
    for (const context of contexts) {
      for (const key of ['lean', 'off', 'targeted', 'missing']) {
        for (const o of options) expect(evaluateCheckedFlag(compiled, context, key, o)).toEqual(evaluateFlag(compiled, context, key, o));
      }
    }
    // Not a compiled datafile: EXCEPTION, as evaluateFlag answers, without throwing.
    expect(evaluateCheckedFlag({} as never, user('u'), 'lean', { defaultValue: 'd' })).toEqual(evaluateFlag({} as never, user('u'), 'lean', { defaultValue: 'd' }));
    expect(evaluateCheckedFlag({} as never, user('u'), 'lean', {}).reason).toEqual({ kind: 'ERROR', errorKind: 'EXCEPTION' });
  });

  it('never throws when a JavaScript caller passes no options object: it answers as evaluateFlag with none', () => {
    const compiled = compile([boolFlag('lean', { rules: [proRule] })]);
    for (const o of [undefined, null, 'x', 3]) {
      for (const key of ['lean', 'missing']) {
        expect(evaluateCheckedFlag(compiled, user('u', { plan: 'pro' }), key, o as never)).toEqual(evaluateFlag(compiled, user('u', { plan: 'pro' }), key));
      }
      expect(evaluateCheckedFlag({} as never, user('u'), 'lean', o as never).reason).toEqual({ kind: 'ERROR', errorKind: 'EXCEPTION' });
    }
  });
});
