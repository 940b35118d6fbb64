import { describe, expect, it } from 'vitest';
import { importLaunchDarkly } from '../../src/launchdarkly/index.js';
import { malformedPayload, partlyMalformedPayload } from './configs-malformed.js';
import { generateContexts } from './contexts.js';
import { compare, describeMismatches } from './differential.js';

describe('LaunchDarkly flags the SDK answers MALFORMED_FLAG for', () => {
  it('are imported, never dropped, each with a warning at its path', () => {
    const payload = { flags: { ...malformedPayload().flags, ...partlyMalformedPayload().flags }, segments: {} };
    const result = importLaunchDarkly(payload);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.datafile.flags.map((f) => f.key)).toEqual(Object.keys(payload.flags));
    const paths = result.warnings.map((w) => w.path);
    for (const path of [
      'flags.bad-rule-index.rules[0].variation',
      'flags.bad-rollout-index.fallthrough.rollout.variations[0].variation',
      'flags.empty-rollout.fallthrough.rollout.variations',
      'flags.serves-nothing.rules[0]',
      'flags.missing-fallthrough.fallthrough',
      'flags.bad-off-variation.offVariation',
      'flags.bad-target.targets[0].variation',
      'flags.missing-prerequisite.prerequisites[0].key',
    ]) {
      expect(paths).toContain(path);
    }
    expect(result.warnings.some((w) => w.path.startsWith('flags.good'))).toBe(false);
  });

  it('answer as LaunchDarkly does for 10 000 generated contexts when every context reaches the broken part, and the good flag keeps serving', async () => {
    const payload = malformedPayload();
    const flags = Object.keys(payload.flags).filter((k) => k !== 'depends-on-malformed');
    const { mismatches, seen } = await compare(payload, generateContexts(10_000, 41), flags);
    expect(describeMismatches(payload, mismatches)).toBe('');
    const labels = [...seen.keys()];
    for (const key of ['bad-rule-index', 'bad-rollout-index', 'empty-rollout', 'serves-nothing', 'missing-fallthrough', 'bad-off-variation', 'bad-reference']) {
      expect(labels).toContain(`${key}:ERROR/MALFORMED_FLAG`);
    }
    expect(labels).toContain('good:RULE_MATCH#0');
    expect(labels).toContain('missing-prerequisite:PREREQUISITE_FAILED');
  }, 60_000);

  // LaunchDarkly propagates a prerequisite's error: a flag whose prerequisite is malformed is MALFORMED_FLAG too.
  it('make a flag that has one of them as a prerequisite answer MALFORMED_FLAG, as LaunchDarkly, for 10 000 contexts', async () => {
    const payload = malformedPayload();
    const { mismatches, seen } = await compare(payload, generateContexts(10_000, 43), ['depends-on-malformed']);
    expect(describeMismatches(payload, mismatches)).toBe('');
    expect([...seen.keys()]).toEqual(['depends-on-malformed:ERROR/MALFORMED_FLAG']);
  }, 60_000);

  // Where only some contexts reach the broken rule, target or slice, LaunchDarkly serves the others and answers
  // MALFORMED_FLAG for those; so does Ensign (the flag stays loaded: MALFORMED_FLAG where evaluation reaches it).
  it('answer as LaunchDarkly does when only some contexts reach the broken part', async () => {
    const payload = partlyMalformedPayload();
    const { mismatches, seen } = await compare(payload, generateContexts(2_000, 42));
    expect(describeMismatches(payload, mismatches)).toBe('');
    // LaunchDarkly serves a value to some contexts of each flag and errors for the others.
    for (const flag of Object.keys(payload.flags)) {
      const kinds = [...seen.keys()].filter((l) => l.startsWith(`${flag}:`));
      expect(kinds, flag).toContain(`${flag}:ERROR/MALFORMED_FLAG`);
      expect(kinds.length, flag).toBeGreaterThan(1);
    }
  }, 60_000);
});
