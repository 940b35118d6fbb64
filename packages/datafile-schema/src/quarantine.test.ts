import { describe, expect, it } from 'vitest';
import { mergeLastGood } from './merge-last-good.js';
import { parseDatafile } from './parse-datafile.js';
import { isValidDatafile, quarantineOf, type ValidDatafile } from './quarantine.js';
import { BROKEN_FLAG_CASES, brokenFlagsDatafile } from './testing/broken-datafile.js';
import { datafile, flag } from './fixtures.test-helpers.js';
import type { Datafile } from './types.js';

function parsed(d: Datafile) {
  const result = parseDatafile(JSON.stringify(d));
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.issues)}`);
  return result;
}

function flagKeys(d: Datafile): string[] {
  return d.flags.map((f) => f.key);
}

describe('a bad flag hurts only itself', () => {
  const result = parsed(brokenFlagsDatafile());
  const quarantinedFlags = result.quarantined.filter((q) => q.kind === 'flag');
  const entry = (key: string) => quarantinedFlags.find((q) => q.key === key);

  it('loads every flag that is not broken, beside the broken ones', () => {
    expect(flagKeys(result.datafile)).toEqual(BROKEN_FLAG_CASES.filter((c) => !c.quarantined).map((c) => c.key));
    expect(quarantinedFlags.map((q) => q.key)).toEqual(BROKEN_FLAG_CASES.filter((c) => c.quarantined).map((c) => c.key));
  });

  it('quarantines a flag whose offVariation names a variation it lacks, at that path', () => {
    expect(entry('bad-variation')).toMatchObject({ path: 'flags[1].offVariation', message: 'unknown variation "gone" (known: "off", "on")' });
  });

  it('quarantines a flag with an invalid attribute reference', () => {
    expect(entry('bad-attribute')).toMatchObject({ path: 'flags[2].rules[0].conditions.attribute', message: expect.stringContaining('invalid attribute reference "/plan/~2"') });
  });

  it('quarantines both flags of a prerequisite cycle', () => {
    const message = 'dependency cycle: flag "cycle-a" → flag "cycle-b" → flag "cycle-a"';
    expect(entry('cycle-a')).toMatchObject({ path: 'flags[3].prerequisites[0].flagKey', message });
    expect(entry('cycle-b')).toMatchObject({ path: 'flags[4].prerequisites[0].flagKey', message });
  });

  it('quarantines the segments of a cycle and the flag that uses them', () => {
    expect(entry('segment-cycle')).toMatchObject({ path: 'flags[5].rules[0].conditions.values[0]', message: expect.stringContaining('caught in a dependency cycle') });
    expect(result.quarantined.filter((q) => q.kind === 'segment').map((q) => q.key)).toEqual(['loop-1', 'loop-2', 'broken']);
    expect(result.datafile.segments).toEqual([]);
  });

  it('keeps a flag whose rule serves a LaunchDarkly rollout with no variations, with a warning (MALFORMED_FLAG when reached)', () => {
    expect(entry('empty-rollout')).toBeUndefined();
    expect(result.warnings).toContainEqual({ path: 'flags[6].rules[0].serve.rollout.variations', message: expect.stringContaining('answers MALFORMED_FLAG when evaluation reaches it') });
  });

  it('does not quarantine a flag whose prerequisite is missing (it fails as PREREQUISITE_FAILED)', () => {
    expect(entry('missing-prerequisite')).toBeUndefined();
    expect(result.warnings).toContainEqual({ path: 'flags[7].prerequisites[0].flagKey', message: 'unknown flag "no-such-flag": the prerequisite fails (PREREQUISITE_FAILED)' });
  });

  it('reports a pattern that does not compile as a warning with its path, failing only its condition', () => {
    expect(entry('invalid-regex')).toBeUndefined();
    expect(result.warnings).toContainEqual({ path: 'flags[8].rules[0].conditions.values[0]', message: expect.stringMatching(/^pattern does not compile: .*this condition never matches$/) });
  });

  it('warns where a loaded flag depends on a quarantined flag or segment', () => {
    expect(result.warnings).toContainEqual({ path: 'flags[9].prerequisites[0].flagKey', message: 'flag "bad-variation" is quarantined; this reference is evaluated as if it were missing' });
    expect(result.warnings).toContainEqual({ path: 'flags[10].rules[0].conditions.values[0]', message: 'segment "broken" is quarantined; this reference is evaluated as if it were missing' });
  });

  it('brands the loadable datafile and keeps the quarantine discoverable from it', () => {
    expect(isValidDatafile(result.datafile)).toBe(true);
    expect(isValidDatafile(brokenFlagsDatafile())).toBe(false);
    expect(quarantineOf(result.datafile)).toBe(result.quarantined);
    expect(quarantineOf(brokenFlagsDatafile())).toEqual([]);
    expect(JSON.parse(JSON.stringify(result.datafile))).toEqual(result.datafile);
  });

  it('still rejects a document that is unreadable as a whole', () => {
    expect(parseDatafile('{"schemaVersion": 1, "revision": "1", "environment": "x", "flags": {}}')).toMatchObject({ ok: false, issues: [{ path: 'flags', message: 'must be an array, got object' }] });
    expect(parseDatafile({ ...datafile(), revision: 7 })).toMatchObject({ ok: false, issues: [{ path: 'revision' }] });
  });

  it('quarantines the later of two flags with one key, and keeps the first', () => {
    const r = parsed(datafile([flag('a', { offVariation: 'on' }), flag('a')]));
    expect(r.datafile.flags).toEqual([flag('a', { offVariation: 'on' })]);
    expect(r.quarantined).toMatchObject([{ kind: 'flag', key: 'a', path: 'flags[1].key', message: 'duplicate flag key "a"' }]);
  });
});

describe('mergeLastGood', () => {
  const v1 = parsed(datafile([flag('a'), flag('b', { offVariation: 'on' }), flag('c')])).datafile;

  it('keeps the last good version of a flag that the update broke, in its place, and reports it', () => {
    const next = parsed(datafile([flag('a'), flag('b', { offVariation: 'gone' }), flag('c', { salt: 'new' })]));
    const { datafile: merged, kept } = mergeLastGood(next.datafile, v1);
    expect(merged.flags).toEqual([flag('a'), flag('b', { offVariation: 'on' }), flag('c', { salt: 'new' })]);
    expect(kept).toMatchObject([{ kind: 'flag', key: 'b', path: 'flags[1].offVariation' }]);
    expect(isValidDatafile(merged)).toBe(true);
    expect(quarantineOf(merged)).toEqual([]);
  });

  it('leaves broken what had no good version, and removed what the update removed', () => {
    const next = parsed(datafile([flag('a'), flag('new', { offVariation: 'gone' })]));
    const { datafile: merged, kept } = mergeLastGood(next.datafile, v1);
    expect(flagKeys(merged)).toEqual(['a']);
    expect(kept).toEqual([]);
    expect(quarantineOf(merged).map((q) => q.key)).toEqual(['new']);
  });

  it('returns next itself when nothing is quarantined or there is no previous datafile', () => {
    const clean = parsed(datafile([flag('a')])).datafile;
    expect(mergeLastGood(clean, v1).datafile).toBe(clean);
    const broken = parsed(datafile([flag('b', { offVariation: 'gone' })])).datafile;
    expect(mergeLastGood(broken, null)).toEqual({ datafile: broken, kept: [] });
  });

  it('chains: a flag broken in two updates in a row keeps the version of the last good one', () => {
    const v2 = mergeLastGood(parsed(datafile([flag('a'), flag('b', { offVariation: 'x' }), flag('c')])).datafile, v1).datafile;
    const v3 = mergeLastGood(parsed(datafile([flag('b', { offVariation: 'y' }), flag('c'), flag('d')])).datafile, v2);
    expect(v3.datafile.flags).toEqual([flag('b', { offVariation: 'on' }), flag('c'), flag('d')]);
    expect(v3.kept.map((q) => q.key)).toEqual(['b']);
  });

  it('keeps a last good segment too', () => {
    const seg = { key: 's', included: [{ values: ['u1'] }] };
    const before: ValidDatafile = parsed(datafile([flag('a')], { segments: [seg] })).datafile;
    const next = parsed(datafile([flag('a')], { segments: [{ key: 's', rules: [{ bucketBy: '/x/~9', weight: 1 }] }] })).datafile;
    const { datafile: merged, kept } = mergeLastGood(next, before);
    expect(merged.segments).toEqual([seg]);
    expect(kept).toMatchObject([{ kind: 'segment', key: 's' }]);
  });
});

describe('rule ids', () => {
  const noId = { conditions: { attribute: 'plan', op: 'in', values: ['pro'] }, serve: { variation: 'on' } };

  it('may be left out under LaunchDarkly semantics, as LaunchDarkly allows', () => {
    const r = parsed(datafile([flag('f', { rules: [noId] })], { semantics: 'launchdarkly' }));
    expect(r.quarantined).toEqual([]);
  });

  it('are required under the other semantics', () => {
    const r = parsed(datafile([flag('f', { rules: [noId] })]));
    expect(r.quarantined).toMatchObject([{ kind: 'flag', key: 'f', path: 'flags[0].rules[0].id', message: 'is required' }]);
  });
});
