// The opt-in trace (each step, each condition with the value seen, redacted when private) and reason messages.
import type { Flag } from '@ensign/datafile-schema';
import { describe, expect, it } from 'vitest';
import { boolFlag, compile, user } from '../../test/helpers/datafile.js';
import { evaluateFlag } from './evaluate-flag.js';

const flag: Flag = boolFlag('f', {
  rules: [
    {
      id: 'r0',
      conditions: {
        and: [
          { attribute: 'email', op: 'endsWith', values: ['@corp.com'] },
          { attribute: '/address/city', op: 'in', values: ['Paris'] },
        ],
      },
      serve: { variation: 'on' },
    },
  ],
  fallthrough: { rollout: { bucketing: { hash: 'ensign' }, variations: [{ variation: 'off', weight: 50000 }, { variation: 'on', weight: 50000 }] } },
});
const c = compile([flag]);

describe('the trace', () => {
  it('is absent unless asked for', () => {
    expect(evaluateFlag(c, user('u'), 'f').trace).toBeUndefined();
  });

  it('lists each rule tried with each condition, the value seen and the outcome, then the bucket', () => {
    const r = evaluateFlag(c, user('u', { email: 'a@corp.com', address: { city: 'Lyon' } }), 'f', { trace: true });
    expect(r.trace?.flagKey).toBe('f');
    const [rule, fallthrough] = r.trace?.steps ?? [];
    expect(rule).toEqual({
      step: 'rule',
      id: 'r0',
      index: 0,
      matched: false,
      conditions: [
        { attribute: 'email', contextKind: 'user', op: 'endsWith', value: 'a@corp.com', result: true },
        { attribute: '/address/city', contextKind: 'user', op: 'in', value: 'Lyon', result: false },
      ],
    });
    expect(fallthrough?.step).toBe('fallthrough');
    expect(fallthrough?.bucket?.hash).toBe('ensign');
    expect(fallthrough?.bucket?.value).toBeGreaterThanOrEqual(0);
    expect(fallthrough?.bucket?.range).toEqual(r.variationKey === 'off' ? [0, 50000] : [50000, 100000]);
  });

  it('redacts values of attributes the options make private, and everything inside them', () => {
    const r = evaluateFlag(c, user('u', { email: 'a@corp.com', address: { city: 'Lyon' } }), 'f', { trace: true, privateAttributes: ['email', '/address'] });
    expect(r.trace?.steps[0]?.conditions?.map((x) => x.value)).toEqual(['[redacted]', '[redacted]']);
  });

  it('redacts values the context itself marks private, and all of them with allAttributesPrivate', () => {
    const ctx = user('u', { email: 'a@corp.com', address: { city: 'Lyon' }, _meta: { privateAttributes: ['email'] } });
    expect(evaluateFlag(c, ctx, 'f', { trace: true }).trace?.steps[0]?.conditions?.map((x) => x.value)).toEqual(['[redacted]', 'Lyon']);
    expect(evaluateFlag(c, ctx, 'f', { trace: true, allAttributesPrivate: true }).trace?.steps[0]?.conditions?.map((x) => x.value)).toEqual(['[redacted]', '[redacted]']);
  });

  it('never redacts the key', () => {
    const byKey = boolFlag('k', { rules: [{ id: 'r', conditions: { attribute: 'key', op: 'in', values: ['u'] }, serve: { variation: 'on' } }] });
    const r = evaluateFlag(compile([byKey]), user('u'), 'k', { trace: true, allAttributesPrivate: true });
    expect(r.trace?.steps[0]?.conditions?.[0]?.value).toBe('u');
  });

  it('records off, prerequisite and target steps', () => {
    const off = boolFlag('off', { on: false });
    const child = boolFlag('child', { prerequisites: [{ flagKey: 'off', variation: 'on' }] });
    const r = evaluateFlag(compile([off, child]), user('u'), 'child', { trace: true });
    expect(r.trace?.steps).toEqual([{ step: 'prerequisite', id: 'off', matched: false }]);
    expect(evaluateFlag(compile([off]), user('u'), 'off', { trace: true }).trace?.steps).toEqual([{ step: 'off', matched: true }]);
  });
});

describe('reason messages', () => {
  it('are absent unless asked for', () => {
    expect(evaluateFlag(c, user('u'), 'f').reasons).toBeUndefined();
  });

  it("use Optimizely's templates for rules", () => {
    const r = evaluateFlag(c, user('u', { email: 'a@corp.com', address: { city: 'Paris' } }), 'f', { includeReasons: true });
    expect(r.reasons).toEqual([
      'Audiences for rule r0 collectively evaluated to TRUE.',
      'User u meets conditions for targeting rule r0.',
      'User u bucketed into targeting rule r0.',
    ]);
  });

  it('name the missing flag', () => {
    expect(evaluateFlag(c, user('u'), 'nope', { includeReasons: true }).reasons).toEqual(['No flag was found for key "nope".']);
  });

  it('describe experiments, buckets and statuses', () => {
    const exp: Flag = boolFlag('e', {
      rules: [
        { id: 'paused', kind: 'experiment', status: 'paused', serve: { variation: 'on' } },
        {
          id: '111127',
          kind: 'experiment',
          experiment: { key: 'exp-key' },
          serve: { rollout: { bucketing: { hash: 'optimizely' }, variations: [{ variation: 'off', weight: 4000 }, { variation: 'on', weight: 5000 }] } },
        },
      ],
    });
    const r = evaluateFlag(compile([exp]), user('123456789'), 'e', { includeReasons: true });
    expect(r.reasons).toEqual([
      'Experiment paused is not running.',
      'Audiences for experiment exp-key collectively evaluated to TRUE.',
      'Assigned bucket 5764 to user with bucketing ID 123456789.',
      'User 123456789 is in variation on of experiment exp-key.',
    ]);
  });
});
