import { describe, expect, it } from 'vitest';
import { generateContexts } from './contexts.js';
import { compare, describeMismatches } from './differential.js';
import { segmentsPayload } from './configs-segments.js';

const payload = segmentsPayload();
const keys = Object.keys(payload.flags);
const segmentFlags = keys.filter((k) => k.startsWith('segment-') && k !== 'segment-big');
const others = keys.filter((k) => !k.startsWith('segment-'));

describe('LaunchDarkly segments, prerequisites, unknown operators and bad patterns, against the LaunchDarkly Node server SDK', () => {
  it('gives 10 000 generated contexts the same detail for flags that match segments', async () => {
    const { mismatches, seen } = await compare(payload, generateContexts(10_000, 31), segmentFlags);
    expect(describeMismatches(payload, mismatches)).toBe('');
    const labels = [...seen.keys()];
    for (const label of ['segment-listed:RULE_MATCH#0', 'segment-weighted:RULE_MATCH#0', 'segment-nested-negated:RULE_MATCH#0', 'segment-nested-negated:RULE_MATCH#1', 'segment-missing:RULE_MATCH#1', 'segment-missing:RULE_MATCH#2']) {
      expect(labels).toContain(label);
    }
  }, 60_000);

  // Without a big-segment store: a big segment with a generation falls back to its rules, one without a generation
  // matches no one; LaunchDarkly reports NOT_CONFIGURED only for contexts that have the segment's context kind.
  it('gives 10 000 generated contexts the same detail and big-segment status for flags that match big segments', async () => {
    const { mismatches, seen } = await compare(payload, generateContexts(10_000, 33), ['segment-big']);
    expect(describeMismatches(payload, mismatches)).toBe('');
    expect([...seen.keys()]).toContain('segment-big:RULE_MATCH#0');
  }, 60_000);

  it('gives 10 000 generated contexts the same detail for prerequisites, unknown operators and bad patterns', async () => {
    const { mismatches, seen } = await compare(payload, generateContexts(10_000, 32), others);
    expect(describeMismatches(payload, mismatches)).toBe('');
    const labels = [...seen.keys()];
    for (const label of ['leaf:PREREQUISITE_FAILED', 'leaf:FALLTHROUGH', 'middle:TARGET_MATCH', 'needs-off:PREREQUISITE_FAILED', 'unknown-operator:RULE_MATCH#1', 'bad-pattern:RULE_MATCH#1']) {
      expect(labels).toContain(label);
    }
  }, 60_000);
});
