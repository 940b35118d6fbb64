// A bad flag hurts only itself, through every face: a datafile with one broken flag of each kind and good flags
// makes a ready client; the good flags serve, and each broken one answers its vendor's error.
import { BROKEN_FLAG_CASES, brokenFlagsDatafile } from '@ensign/datafile-schema/testing';
import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { linesAt } from './helpers.js';
import { createRecordingLogger } from '@ensign/event-pipeline/testing';

const QUARANTINED = BROKEN_FLAG_CASES.filter((c) => c.quarantined);
const SERVING = BROKEN_FLAG_CASES.filter((c) => !c.quarantined);
const ctx = { kind: 'user', key: 'user-1', plan: 'pro' };

function readyClient() {
  const logger = createRecordingLogger();
  const client = createClient({ datafile: brokenFlagsDatafile(), logger });
  return { client, logger };
}

describe('a datafile with one broken flag of each kind', () => {
  it('makes a ready client that lists the quarantined flags in its status and logs them in one line', async () => {
    const { client, logger } = readyClient();
    expect(await client.onReady({ timeout: 1_000 })).toEqual({ success: true });
    expect(client.getStatus().quarantined.filter((q) => q.kind === 'flag').map((q) => q.key)).toEqual(QUARANTINED.map((c) => c.key));
    const lines = linesAt(logger, 'warn').filter((l) => l.includes('entities quarantined'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/entities quarantined, the rest serve: flag "bad-variation" \(flags\[1\]\.offVariation/);
  });

  describe('LaunchDarkly face', () => {
    it.each(QUARANTINED.map((c) => [c.key, c.problem]))('answers %s (%s) with the default value and MALFORMED_FLAG', (key) => {
      const { client } = readyClient();
      expect(client.variationDetail(key, ctx, 'default')).toMatchObject({ value: 'default', variationIndex: null, reason: { kind: 'ERROR', errorKind: 'MALFORMED_FLAG' } });
    });

    it.each(SERVING.map((c) => [c.key, c]))('serves %s as LaunchDarkly would', (key, c) => {
      const { client } = readyClient();
      const detail = client.variationDetail(key, ctx, 'default');
      // A flag malformed where evaluation reaches (an empty LaunchDarkly rollout) answers the default.
      expect(detail.value).toBe(c.value ?? 'default');
      expect(detail.reason.kind).toBe(c.reasonKind);
      if (c.prerequisiteKey !== undefined) expect(detail.reason).toEqual({ kind: 'PREREQUISITE_FAILED', prerequisiteKey: c.prerequisiteKey });
    });
  });

  describe('Optimizely face', () => {
    it.each(QUARANTINED.map((c) => [c.key, c.problem]))('decides %s (%s) as an error decision naming the problem', (key) => {
      const { client } = readyClient();
      const decision = client.createUserContext('user-1', { plan: 'pro' }).decide(key);
      expect(decision).toMatchObject({ variationKey: null, enabled: false, flagKey: key });
      expect(decision.reasons[0]).toContain('MALFORMED_FLAG');
      expect(decision.reasons[0]).toContain('flags[');
    });

    it('serves the good flags, and decideAll holds no quarantined flag', () => {
      const { client } = readyClient();
      const user = client.createUserContext('user-1', { plan: 'pro' });
      expect(user.decide('good')).toMatchObject({ variationKey: 'on', enabled: true });
      expect(Object.keys(user.decideAll()).sort()).toEqual(SERVING.map((c) => c.key).sort());
    });
  });

  describe('Amplitude face', () => {
    it.each(QUARANTINED.map((c) => [c.key, c.problem]))('leaves %s (%s) out of the variants', (key) => {
      const { client } = readyClient();
      expect(client.evaluate({ user_id: 'user-1', user_properties: { plan: 'pro' } }, [key])).toEqual({});
    });

    it('serves the good flags when evaluating every flag', () => {
      const { client } = readyClient();
      const variants = client.evaluate({ user_id: 'user-1', user_properties: { plan: 'pro' } });
      expect(variants['good']).toMatchObject({ key: 'on', value: 'true' }); // Amplitude variant values are strings
      for (const c of QUARANTINED) expect(variants).not.toHaveProperty(c.key);
    });
  });
});
