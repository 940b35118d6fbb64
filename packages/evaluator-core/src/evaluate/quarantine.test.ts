// A bad flag hurts only itself: flags parseDatafile quarantined answer MALFORMED_FLAG with the quarantine message,
// flags that depend on them see them as missing, and every other flag serves.
import { parseDatafile } from '@ensign/datafile-schema';
import { BROKEN_FLAG_CASES, brokenFlagsDatafile } from '@ensign/datafile-schema/testing';
import { describe, expect, it } from 'vitest';
import { user } from '../../test/helpers/datafile.js';
import { compileDatafile, getFlag, getQuarantine } from '../compile/compile-datafile.js';
import { evaluateFlag } from './evaluate-flag.js';
import { evaluateFlags } from './evaluate-flags.js';

function compiledBroken(eager = false) {
  const parsed = parseDatafile(brokenFlagsDatafile());
  if (!parsed.ok) throw new Error('the broken-flags datafile was rejected');
  return compileDatafile(parsed.datafile, { eager });
}

describe('evaluating a datafile with quarantined flags', () => {
  const compiled = compiledBroken();
  const context = user('user-1', { plan: 'pro' });

  it.each(BROKEN_FLAG_CASES.map((c) => [c.key, c] as const))('answers %s as its case says', (_key, c) => {
    const r = evaluateFlag(compiled, context, c.key, { defaultValue: 'default' });
    expect(r.reason.kind).toBe(c.reasonKind);
    expect(r.value).toBe(c.value === undefined ? 'default' : c.value);
    if (c.quarantined) {
      expect(r.reason).toEqual({ kind: 'ERROR', errorKind: 'MALFORMED_FLAG' });
      expect(r.errorMessage).toBe(`${getQuarantine(compiled, c.key)?.path}: ${getQuarantine(compiled, c.key)?.message}`);
    } else if (c.reasonKind === 'ERROR') expect(r.errorMessage).toMatch(/refers to a variation it does not have \(or to none/);
    else expect(r).not.toHaveProperty('errorMessage');
    if (c.prerequisiteKey !== undefined) expect(r.reason).toEqual({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: c.prerequisiteKey });
  });

  it('names the problem of each broken kind in errorMessage', () => {
    const message = (key: string) => evaluateFlag(compiled, context, key).errorMessage;
    expect(message('bad-variation')).toBe('flags[1].offVariation: unknown variation "gone" (known: "off", "on")');
    expect(message('bad-attribute')).toMatch(/^flags\[2\]\.rules\[0\]\.conditions\.attribute: invalid attribute reference "\/plan\/~2"/);
    expect(message('cycle-a')).toBe('flags[3].prerequisites[0].flagKey: dependency cycle: flag "cycle-a" → flag "cycle-b" → flag "cycle-a"');
    expect(message('segment-cycle')).toMatch(/^flags\[5\]\.rules\[0\]\.conditions\.values\[0\]: uses segment "loop-1", which is caught in a dependency cycle/);
  });

  it('keeps quarantined keys known but out of flagKeys and getFlag', () => {
    const quarantined = BROKEN_FLAG_CASES.filter((c) => c.quarantined).map((c) => c.key);
    expect(compiled.flagKeys).toEqual(BROKEN_FLAG_CASES.filter((c) => !c.quarantined).map((c) => c.key));
    expect(compiled.quarantined.filter((q) => q.kind === 'flag').map((q) => q.key)).toEqual(quarantined);
    for (const key of quarantined) {
      expect(getFlag(compiled, key)).toBeUndefined();
      expect(getQuarantine(compiled, key)?.kind).toBe('flag');
    }
    expect(getQuarantine(compiled, 'good')).toBeUndefined();
    expect(evaluateFlag(compiled, context, 'never-defined').reason.errorKind).toBe('FLAG_NOT_FOUND');
  });

  it('answers the same through evaluateFlags and when compiled eagerly', () => {
    const all = evaluateFlags(compiledBroken(true), context, { flagKeys: BROKEN_FLAG_CASES.map((c) => c.key) });
    for (const c of BROKEN_FLAG_CASES) expect(all[c.key]?.reason.kind, c.key).toBe(c.reasonKind);
  });

  it('evaluates a flag that is not quarantined but malformed at compile time as before (its own error, no quarantine)', () => {
    const plain = compileDatafile({ schemaVersion: 1, revision: 'r', environment: 'e', flags: [{ key: 'f', on: false, variations: [], offVariation: 'gone' }] });
    expect(plain.quarantined).toEqual([]);
    expect(evaluateFlag(plain, context, 'f', { defaultValue: 1 })).toMatchObject({ value: 1, reason: { kind: 'ERROR', errorKind: 'MALFORMED_FLAG' } });
  });
});

describe('a rule without an id (LaunchDarkly)', () => {
  it('matches with a reason that carries no ruleId, and a result without rule id or key', () => {
    const compiled = compileDatafile({
      schemaVersion: 1, revision: 'r', environment: 'e', semantics: 'launchdarkly',
      flags: [{ key: 'f', on: true, variations: [{ key: 'a', value: 1 }, { key: 'b', value: 2 }], fallthrough: { variation: 'a' },
        rules: [{ conditions: { attribute: 'plan', op: 'in', values: ['pro'] }, serve: { variation: 'b' } }] }],
    });
    const r = evaluateFlag(compiled, user('u', { plan: 'pro' }), 'f');
    expect(r).toMatchObject({ value: 2, ruleId: null, ruleKey: null, reason: { kind: 'RULE_MATCH', ruleIndex: 0 } });
    expect(r.reason).not.toHaveProperty('ruleId');
  });
});
