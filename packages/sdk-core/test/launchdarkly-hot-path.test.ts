// The LaunchDarkly face's quiet path (no hooks, no `decision` listener, no events), which goes straight to
// `evaluateCheckedFlag`: the same answers and the same log lines as through the core, for any context.
import { validateContext } from '@ensign/context';
import { compileDatafile, evaluateFlag } from '@ensign/evaluator-core';
import { describe, expect, it } from 'vitest';
import { exampleDatafile } from './client.js';
import { linesAt, makeClient } from './helpers.js';

const compiled = compileDatafile(exampleDatafile);
const KEYS = exampleDatafile.flags.map((f) => f.key);

class Visitor {
  kind = 'user';
  key = 'user-class';
  country = 'US';
  plan = 'pro';
}

/** Contexts of every make: flat, legacy, multi-kind, null prototype, class instance, inherited attributes. */
const contexts: unknown[] = [
  { kind: 'user', key: 'user-plain' },
  { kind: 'user', key: 'user-beta-1', country: 'US', plan: 'pro', beta: true, age: 31 },
  { key: 'legacy-user', country: 'FR', custom: { plan: 'pro' } },
  { kind: 'multi', user: { key: 'user-9' }, org: { key: 'org-1', tier: 'enterprise' } },
  Object.assign(Object.create(null) as Record<string, unknown>, { kind: 'user', key: 'user-bare', country: 'US', plan: 'pro' }),
  new Visitor(),
  Object.assign(Object.create({ country: 'US', plan: 'pro' }) as Record<string, unknown>, { kind: 'user', key: 'user-heir' }),
  JSON.parse('{"kind":"user","key":"user-json","__proto__":"x","constructor":"y","country":"CA"}'),
];

describe('the quiet variation path', () => {
  it('answers as the evaluator does on the validated context (or USER_NOT_SPECIFIED), for contexts of every make', () => {
    const { client } = makeClient({ events: false });
    for (const input of contexts) {
      // Class instances and objects over another prototype are evaluated on their own properties, as LaunchDarkly's
      // SDK evaluates them (importers/test/launchdarkly/non-json-values.test.ts compares them with it): what an
      // object spread of them holds.
      const plain = Object.getPrototypeOf(input) === Object.prototype || Object.getPrototypeOf(input) === null;
      const checked = validateContext(plain ? input : { ...(input as object) });
      if (!checked.ok) {
        for (const key of KEYS) expect(client.variationDetail(key, input, 'd').reason).toEqual({ kind: 'ERROR', errorKind: 'USER_NOT_SPECIFIED' });
        continue;
      }
      for (const key of KEYS) {
        const expected = evaluateFlag(compiled, checked.context, key, { defaultValue: 'd' });
        const detail = client.variationDetail(key, input, 'd');
        expect(detail.reason).toEqual(expected.reason);
        expect(detail.variationIndex).toBe(expected.reason.kind === 'ERROR' ? null : expected.variationIndex);
        expect(client.variation(key, input, 'd')).toEqual(detail.value);
      }
    }
  });

  it('answers as through the core (events on) for the same calls', () => {
    const quiet = makeClient({ events: false }).client;
    const loud = makeClient().client;
    for (const input of [...contexts, { kind: 'user' }, null, 'user-1', { kind: 'user', key: 'u', f: () => 1 }]) {
      for (const key of [...KEYS, 'no-such-flag']) expect(quiet.variationDetail(key, input, false)).toEqual(loud.variationDetail(key, input, false));
    }
  });

  it('never takes an attribute from a polluted Object.prototype', () => {
    const { client } = makeClient({ events: false });
    const user = { kind: 'user', key: 'user-polluted' };
    const before = KEYS.map((key) => client.variationDetail(key, user, 'd'));
    for (const descriptor of [{ value: 'US', enumerable: true, writable: true }, { value: 'US' }, { get: () => 'pro' }]) {
      for (const name of ['country', 'plan', 'beta', 'tier']) {
        Object.defineProperty(Object.prototype, name, { configurable: true, ...descriptor });
        try {
          expect(KEYS.map((key) => client.variationDetail(key, { ...user }, 'd'))).toEqual(before);
        } finally {
          delete (Object.prototype as Record<string, unknown>)[name];
        }
      }
    }
  });

  it('checks readiness, then the context, then the key, and logs each once', () => {
    const { client: notReady, logger: notReadyLog } = makeClient({ datafile: '[]', events: false });
    expect(notReady.variationDetail(42 as never, { kind: 'user' }, 'd').reason).toEqual({ kind: 'ERROR', errorKind: 'CLIENT_NOT_READY' });
    expect(linesAt(notReadyLog, 'warn').some((l) => l.includes('before the client is ready'))).toBe(true);
    expect(linesAt(notReadyLog, 'warn').some((l) => l.includes('invalid context'))).toBe(false);

    const { client, logger } = makeClient({ events: false });
    expect(client.variationDetail(42 as never, { kind: 'user' }, 'd').reason).toEqual({ kind: 'ERROR', errorKind: 'USER_NOT_SPECIFIED' });
    expect(client.variationDetail(42 as never, { kind: 'user', key: 'u' }, 'd')).toEqual({
      value: 'd', variationIndex: null, reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' }, revision: '42',
    });
    expect(linesAt(logger, 'warn').filter((l) => l.includes('the flag key must be a string'))).toHaveLength(1);
    expect(client.variation('no-such-flag', { kind: 'user', key: 'u' }, 'd')).toBe('d');
    expect(linesAt(logger, 'info').filter((l) => l.includes('unknown flag'))).toHaveLength(1);
  });
});
